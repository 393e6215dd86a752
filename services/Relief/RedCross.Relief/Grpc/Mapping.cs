using System.Globalization;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Security;
using Proto = RedCross.Contracts.Relief.V1;

namespace RedCross.Relief.Grpc;

/// <summary>Domain ↔ contract mapping, in one place.</summary>
internal static class Mapping
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every path that returns a beneficiary comes through here, so national ID, phone and address are
    /// masked in one place for every caller the permission table does not let read personal data.</summary>
    public static Proto.Beneficiary ToProto(this Beneficiary b, Caller caller)
    {
        var personal = caller.Can(Permission.ReadPersonalData);
        return new Proto.Beneficiary
        {
            Id = b.Id.ToString(),
            Kind = b.Kind,
            FullName = b.FullName,
            BirthDate = b.BirthDate.Iso(),
            Sex = b.Sex ?? string.Empty,
            NationalId = personal ? b.NationalId ?? string.Empty : Mask(b.NationalId),
            Phone = personal ? b.Phone ?? string.Empty : Mask(b.Phone),
            Address = personal ? b.Address ?? string.Empty : string.IsNullOrEmpty(b.Address) ? string.Empty : "***",
            HouseholdSize = b.HouseholdSize,
            Categories = { b.CategoryList },
            OrgUnit = b.OrgUnitCode,
            Status = b.Status,
            RegisteredOn = b.RegisteredOn.Iso(),
            Etag = b.ETag,
            Anonymised = b.AnonymisedAt is not null,
        };
    }

    public static Proto.Sponsor ToProto(this Sponsor s) => new()
    {
        Id = s.Id.ToString(),
        Kind = s.Kind,
        DisplayName = s.DisplayName,
        OrgUnit = s.OrgUnitCode,
        Etag = s.ETag,
    };

    public static Proto.Donation ToProto(this Donation d, long distributedVnd) => new()
    {
        Id = d.Id.ToString(),
        SponsorId = d.SponsorId.ToString(),
        OrgUnit = d.OrgUnitCode,
        Kind = d.Kind,
        ValueVnd = d.ValueVnd,
        Item = d.Item ?? string.Empty,
        Quantity = d.Quantity,
        QuantityUnit = d.QuantityUnit ?? string.Empty,
        ReceivedOn = d.ReceivedOn.Iso(),
        Programme = d.Programme ?? string.Empty,
        CampaignRef = d.CampaignRef ?? string.Empty,
        RemainingVnd = DonationBalance.Remaining(d, distributedVnd),
        Etag = d.ETag,
    };

    public static Proto.Distribution ToProto(this Distribution d) => new()
    {
        Id = d.Id.ToString(),
        BeneficiaryId = d.BeneficiaryId?.ToString() ?? string.Empty,
        AddressId = d.AddressId?.ToString() ?? string.Empty,
        Kind = d.Kind,
        ValueVnd = d.ValueVnd,
        Item = d.Item ?? string.Empty,
        Quantity = d.Quantity,
        QuantityUnit = d.QuantityUnit ?? string.Empty,
        SourceKind = d.SourceKind,
        DonationId = d.DonationId?.ToString() ?? string.Empty,
        SponsorId = d.SponsorId?.ToString() ?? string.Empty,
        Fund = d.Fund ?? string.Empty,
        CampaignRef = d.CampaignRef ?? string.Empty,
        HandedOverAt = d.HandedOverLocal.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        OrgUnit = d.OrgUnitCode,
        Reversed = d.ReversedAt is not null,
        ReversalReason = d.ReversalReason ?? string.Empty,
        Etag = d.ETag,
    };

    /// <summary>An entry of a beneficiary list: what a programme list needs, no more.</summary>
    public static Proto.BeneficiaryListEntry ToListEntry(this Beneficiary b) => new()
    {
        Id = b.Id.ToString(),
        Kind = b.Kind,
        FullName = b.FullName,
        HouseholdSize = b.HouseholdSize,
        Categories = { b.CategoryList },
        OrgUnit = b.OrgUnitCode,
    };

    /// <summary>A handover's fields as plain values for <see cref="DistributionDraft.Check"/>; an absent message is empty.</summary>
    public static DistributionDraft.Fields ToFields(this Proto.Distribution? d)
    {
        d ??= new Proto.Distribution();
        return new(d.AddressId, d.BeneficiaryId, d.Kind, d.ValueVnd, d.Item, d.Quantity, d.QuantityUnit, d.SourceKind, d.DonationId, d.SponsorId,
            d.Fund, d.CampaignRef, d.HandedOverAt);
    }

    /// <summary>Keeps the last three characters of a number, enough to tell records apart on a phone call;
    /// absent stays absent.</summary>
    internal static string Mask(string? value) => value switch
    {
        null or "" => string.Empty,
        { Length: <= 6 } => new string('*', value.Length),
        _ => new string('*', value.Length - 3) + value[^3..],
    };
}
