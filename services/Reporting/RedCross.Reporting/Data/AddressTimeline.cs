using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>One point of a humanitarian address's timeline: from EffectiveDate the address is open with review due on
/// DueOn, or closed (DueOn null). The latest point on or before a day says both whether the address was active then
/// and whether its review was overdue, whatever order the events arrived in.</summary>
internal sealed class AddressTimelinePoint
{
    public Guid EventId { get; set; }

    public Guid AddressId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public DateOnly EffectiveDate { get; set; }

    public long RecordedAtTicks { get; set; }

    public DateOnly? DueOn { get; set; }
}

/// <summary>The address timeline's table and the period-end counts read from it.</summary>
internal static class AddressTimeline
{
    public static ModelBuilder AddAddressTimeline(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AddressTimelinePoint>(e =>
        {
            e.ToTable("address_timeline");
            e.HasKey(x => x.EventId);
            e.HasIndex(x => new { x.AddressId, x.EffectiveDate, x.RecordedAtTicks });
        });
        return modelBuilder;
    }
}
