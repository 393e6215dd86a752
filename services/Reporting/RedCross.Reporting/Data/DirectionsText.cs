using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>The staff's text of a report's directions for the next year, per unit and report year. Written by people,
/// not projected from events: a rebuild of the projections never touches it.</summary>
internal sealed class DirectionsText
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public int Year { get; set; }

    public string Text { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}

internal static class DirectionsTexts
{
    public static ModelBuilder AddDirectionsTexts(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DirectionsText>(e =>
        {
            e.ToTable("report_directions");
            e.HasKey(x => new { x.OrgUnitCode, x.Year });
            // SQLite orders no DateTimeOffset: stored as ticks, read back exactly.
            e.Property(x => x.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
        return modelBuilder;
    }
}
