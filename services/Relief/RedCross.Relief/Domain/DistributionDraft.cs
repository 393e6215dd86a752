using System.Globalization;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>A handover as the caller sent it, checked field by field (every violation collected, each named under
/// <see cref="Prefix"/>: "distribution" alone, "requests[3].distribution" in a batch). The target is a beneficiary,
/// an address, or an address and its linked beneficiary; the source is a donation, a fund, or a sponsor handing over
/// directly at a Red Cross event.</summary>
internal sealed record DistributionDraft(
    string Prefix, Guid? AddressId, Guid? BeneficiaryId, string Kind, long ValueVnd, (string? Item, long Quantity, string? Unit) Goods,
    string SourceKind, Guid? DonationId, Guid? SponsorId, string? Fund, string? CampaignRef, DateTime HandedOverAt)
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public DateOnly HandedOverOn => DateOnly.FromDateTime(HandedOverAt);

    /// <summary>The beneficiary the gift is for: the one named, which must be the address's linked one when both are
    /// named, else the address's linked one (none for an address without one).</summary>
    public Guid? RecipientId(HumanitarianAddress? address)
    {
        if (address is not null && BeneficiaryId is { } given && given != address.BeneficiaryId)
        {
            throw new ValidationFailedException(Prefix + ".beneficiary_id", "must be the address's linked beneficiary, or empty");
        }

        return BeneficiaryId ?? address?.BeneficiaryId;
    }

    /// <summary>The handover's fields as sent, in plain values: the target, what was given, where it came from, when.</summary>
    public sealed record Fields(
        string AddressId, string BeneficiaryId, string Kind, long ValueVnd, string Item, long Quantity, string QuantityUnit,
        string SourceKind, string DonationId, string SponsorId, string Fund, string CampaignRef, string HandedOverAt);

    public static DistributionDraft? Check(Input input, string prefix, Fields d, DateTime nowLocal)
    {
        var addressId = input.Id(prefix + ".address_id", d.AddressId, required: false);
        var beneficiaryId = input.Id(prefix + ".beneficiary_id", d.BeneficiaryId, required: string.IsNullOrWhiteSpace(d.AddressId));
        var kind = input.OneOf(prefix + ".kind", d.Kind, Distribution.Kinds);
        var value = Money.Vnd(input, prefix + ".value_vnd", d.ValueVnd);
        var goods = Money.Goods(input, prefix, kind == Distribution.Goods, d.Item, d.Quantity, d.QuantityUnit);
        var source = input.OneOf(prefix + ".source_kind", d.SourceKind, Distribution.SourceKinds);
        var donationId = input.Id(prefix + ".donation_id", d.DonationId, required: source == Distribution.FromDonation);
        var sponsorId = input.Id(prefix + ".sponsor_id", d.SponsorId, required: source == Distribution.SponsorDirect);
        var fund = input.Text(prefix + ".fund", d.Fund, 200, required: source == Distribution.FromFund);
        Only(input, prefix + ".donation_id", d.DonationId, source == Distribution.FromDonation, "is for source_kind donation only");
        Only(input, prefix + ".sponsor_id", d.SponsorId, source == Distribution.SponsorDirect, "is for source_kind sponsor_direct only (a donation names its sponsor)");
        Only(input, prefix + ".fund", d.Fund, source == Distribution.FromFund, "is for source_kind fund only");
        var campaign = input.Text(prefix + ".campaign_ref", d.CampaignRef, 100, required: false);
        var at = HandedOverAtLocal(input, prefix + ".handed_over_at", d.HandedOverAt, nowLocal);
        return input.IsValid
            ? new DistributionDraft(prefix, addressId, beneficiaryId, kind!, value, goods, source!, donationId, sponsorId, fund, campaign, at!.Value)
            : null;
    }

    /// <summary>The Vietnam-local wall-clock time of the handover (no offset: the date is the one people saw), not in
    /// the future.</summary>
    private static DateTime? HandedOverAtLocal(Input input, string field, string value, DateTime nowLocal)
    {
        if (!DateTime.TryParseExact(value?.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            input.Fail(field, "must be a local date and time written YYYY-MM-DDTHH:MM");
            return null;
        }

        if (local > nowLocal)
        {
            input.Fail(field, "must not be in the future");
            return null;
        }

        return local;
    }

    private static void Only(Input input, string field, string value, bool allowed, string why)
    {
        if (!allowed && !string.IsNullOrWhiteSpace(value))
        {
            input.Fail(field, why);
        }
    }
}
