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
}
