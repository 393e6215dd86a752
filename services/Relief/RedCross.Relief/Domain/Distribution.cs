using RedCross.Contracts.Events;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>Cash or goods handed over to a beneficiary or a humanitarian address (cứu trợ, trao quà). Never edited: reversed by a correcting
/// entry (who, when, why) and, if need be, recorded again.</summary>
internal sealed class Distribution : IResource, IVersioned
{
    public const string Cash = "cash";
    public const string Goods = "goods";
    public const string FromDonation = "donation";
    public const string SponsorDirect = "sponsor_direct";
    public const string FromFund = "fund";

    /// <summary>Rule reason: a distribution is reversed once.</summary>
    public const string AlreadyReversed = "ALREADY_REVERSED";

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string> { [Cash] = Cash, [Goods] = Goods };

    public static readonly IReadOnlyDictionary<string, string> SourceKinds = new Dictionary<string, string> { [FromDonation] = FromDonation, [SponsorDirect] = SponsorDirect, [FromFund] = FromFund };

    public Guid Id { get; set; }

    /// <summary>Null for a gift to a humanitarian address with no registered beneficiary.</summary>
    public Guid? BeneficiaryId { get; set; }

    /// <summary>The humanitarian address the gift is for, if any.</summary>
    public Guid? AddressId { get; set; }

    /// <summary>The beneficiary's home unit (the address's unit without one), where the distribution counts.</summary>
    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public string Kind { get; set; } = Cash;

    public long ValueVnd { get; set; }

    public string? Item { get; set; }

    public long Quantity { get; set; }

    public string? QuantityUnit { get; set; }

    public string SourceKind { get; set; } = FromDonation;

    public Guid? DonationId { get; set; }

    /// <summary>The donation's sponsor, or the one handing over directly; null for a gift from a fund.</summary>
    public Guid? SponsorId { get; set; }

    /// <summary>The fund a gift came from (the unit's relief fund, a provincial fund), named as the unit knows it.</summary>
    public string? Fund { get; set; }

    /// <summary>The batch (a whole list at one event) the distribution was recorded in, if any: a replayed batch
    /// returns all of its distributions.</summary>
    public Guid? BatchId { get; set; }

    public string? CampaignRef { get; set; }

    /// <summary>Vietnam-local wall-clock time of the handover, as given.</summary>
    public DateTime HandedOverLocal { get; set; }

    /// <summary>The local date of the handover: the activity date periods are cut on.</summary>
    public DateOnly HandedOverOn { get; set; }

    /// <summary>The beneficiary's sex (a household's head's) as recorded at the handover; null if not recorded or no
    /// beneficiary. Kept with the gift so a reversal un-counts it under the same sex and age band.</summary>
    public string? RecipientSex { get; set; }

    /// <summary>The beneficiary's FDRS age band on the handover day; null without a beneficiary.</summary>
    public string? RecipientAgeBand { get; set; }

    public DateTimeOffset? ReversedAt { get; set; }

    public string? ReversedBy { get; set; }

    public string? ReversalReason { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public void Reverse(string by, DateTimeOffset at, string reason)
    {
        if (ReversedAt is not null)
        {
            throw new RuleViolationException(AlreadyReversed, $"Distribution {Id} was reversed already.");
        }

        (ReversedAt, ReversedBy, ReversalReason) = (at, by, reason);
    }

    /// <summary>The distribution a checked draft records, given what its references were found to be (the address's
    /// linked beneficiary when only the address was named): it counts in the beneficiary's unit, else the address's.</summary>
    public static Distribution Record(DistributionDraft draft, Beneficiary? beneficiary, HumanitarianAddress? address, Guid? sponsorId, Guid? batch)
    {
        var (unitCode, unitPath) = beneficiary is not null ? (beneficiary.OrgUnitCode, beneficiary.OrgUnitPath) : (address!.OrgUnitCode, address.OrgUnitPath);
        return new Distribution
        {
            Id = Guid.CreateVersion7(),
            BeneficiaryId = beneficiary?.Id,
            AddressId = address?.Id,
            OrgUnitCode = unitCode,
            OrgUnitPath = unitPath,
            Kind = draft.Kind,
            ValueVnd = draft.ValueVnd,
            Item = draft.Goods.Item,
            Quantity = draft.Goods.Quantity,
            QuantityUnit = draft.Goods.Unit,
            SourceKind = draft.SourceKind,
            DonationId = draft.DonationId,
            SponsorId = sponsorId,
            Fund = draft.Fund,
            CampaignRef = draft.CampaignRef,
            HandedOverLocal = draft.HandedOverAt,
            HandedOverOn = draft.HandedOverOn,
            RecipientSex = beneficiary?.Sex,
            RecipientAgeBand = beneficiary is null ? null : PersonBands.AgeBandAt(beneficiary.BirthDate, draft.HandedOverOn),
            BatchId = batch,
        };
    }
}
