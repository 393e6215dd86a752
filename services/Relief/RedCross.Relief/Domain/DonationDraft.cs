using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>A donation as the caller sent it, checked field by field (every violation collected): who gave, to which
/// unit, cash or goods valued in whole VND, when (not in the future; today when not given).</summary>
internal sealed record DonationDraft(
    Guid SponsorId, string OrgUnitCode, string Kind, long ValueVnd, (string? Item, long Quantity, string? Unit) Goods,
    DateOnly ReceivedOn, string? Programme, string? CampaignRef)
{
    public static DonationDraft? Check(Input input, string sponsorId, string orgUnit, string kind, long valueVnd, string item, long quantity,
        string quantityUnit, string receivedOn, string programme, string campaignRef)
    {
        var sponsor = input.Id("donation.sponsor_id", sponsorId);
        var unitCode = input.Text("donation.org_unit", orgUnit, 40);
        var k = input.OneOf("donation.kind", kind, Donation.Kinds);
        var value = Money.Vnd(input, "donation.value_vnd", valueVnd);
        var goods = Money.Goods(input, "donation", k == Donation.InKind, item, quantity, quantityUnit);
        var received = input.NotFuture("donation.received_on", input.Date("donation.received_on", receivedOn, input.Today));
        var p = input.Text("donation.programme", programme, 200, required: false);
        var campaign = input.Text("donation.campaign_ref", campaignRef, 100, required: false);
        return input.IsValid ? new DonationDraft(sponsor!.Value, unitCode!, k!, value, goods, received!.Value, p, campaign) : null;
    }

    public Donation ToDonation(Sponsor sponsor, string unitCode, string unitPath) => new()
    {
        Id = Guid.CreateVersion7(),
        SponsorId = sponsor.Id,
        OrgUnitCode = unitCode,
        OrgUnitPath = unitPath,
        Kind = Kind,
        ValueVnd = ValueVnd,
        Item = Goods.Item,
        Quantity = Goods.Quantity,
        QuantityUnit = Goods.Unit,
        ReceivedOn = ReceivedOn,
        Programme = Programme,
        CampaignRef = CampaignRef,
    };
}
