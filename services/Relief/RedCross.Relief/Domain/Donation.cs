using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Relief.Domain;

/// <summary>Cash, or goods valued in VND, received by a unit from a sponsor. Recorded once, never edited.</summary>
internal sealed class Donation : IResource, IVersioned
{
    public const string Cash = "cash";
    public const string InKind = "in_kind";

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string> { [Cash] = Cash, [InKind] = InKind };

    public Guid Id { get; set; }

    public Guid SponsorId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public string Kind { get; set; } = Cash;

    /// <summary>Whole VND: the cash amount, or the valuation of the goods.</summary>
    public long ValueVnd { get; set; }

    public string? Item { get; set; }

    public long Quantity { get; set; }

    public string? QuantityUnit { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public string? Programme { get; set; }

    public string? CampaignRef { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public static Donation Receive(Sponsor sponsor, string unitCode, string unitPath, string kind, long valueVnd,
        (string? Item, long Quantity, string? Unit) goods, DateOnly receivedOn, string? programme, string? campaignRef) => new()
    {
        Id = Guid.CreateVersion7(),
        SponsorId = sponsor.Id,
        OrgUnitCode = unitCode,
        OrgUnitPath = unitPath,
        Kind = kind,
        ValueVnd = valueVnd,
        Item = goods.Item,
        Quantity = goods.Quantity,
        QuantityUnit = goods.Unit,
        ReceivedOn = receivedOn,
        Programme = programme,
        CampaignRef = campaignRef,
    };
}
