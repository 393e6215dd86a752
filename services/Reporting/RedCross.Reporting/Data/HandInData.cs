using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>A staff note under a section or a difficulty of a report, per unit and year. Written by people like the
/// directions: a rebuild of the projections never touches it.</summary>
internal sealed class ReportNoteText
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public int Year { get; set; }

    public string Section { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}

/// <summary>One issued version of a unit's annual report: the whole <c>AnnualReport</c> message as it was issued
/// (protobuf bytes), so the issued document never changes when figures are corrected later, whatever the catalogue
/// or the templates become. Never updated: an amendment is the next version.</summary>
internal sealed class IssuedReport
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public int Year { get; set; }

    public int Version { get; set; }

    public string Number { get; set; } = string.Empty;

    public DateOnly IssuedOn { get; set; }

    public string SignerName { get; set; } = string.Empty;

    public string SignerTitle { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }

    public string IssuedBy { get; set; } = string.Empty;

    public byte[] Report { get; set; } = [];
}

internal static class HandInData
{
    public static ModelBuilder AddHandIns(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportNoteText>(e =>
        {
            e.ToTable("report_notes");
            e.HasKey(x => new { x.OrgUnitCode, x.Year, x.Section });
            // SQLite orders no DateTimeOffset: stored as ticks, read back exactly.
            e.Property(x => x.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
        modelBuilder.Entity<IssuedReport>(e =>
        {
            e.ToTable("issued_reports");
            e.HasKey(x => new { x.OrgUnitCode, x.Year, x.Version });
            // The hand-in view reads one year across a subtree.
            e.HasIndex(x => new { x.Year, x.OrgUnitCode });
            e.Property(x => x.IssuedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
        return modelBuilder;
    }
}
