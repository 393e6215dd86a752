using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RedCross.Messaging;
using RedCross.OrgReplica;

namespace RedCross.Reporting.Data;

/// <summary>A flow summed for one unit (its own figures, not its subtree) and one period key.</summary>
internal sealed class IndicatorCell
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public long Value { get; set; }
}

/// <summary>One point of a member's status timeline; the latest point on or before a date says whether
/// the member was active then, whatever order the events arrived in.</summary>
internal sealed class MemberTimelinePoint
{
    public Guid EventId { get; set; }

    public Guid MemberId { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public long RecordedAtTicks { get; set; }

    public string Status { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;
}

/// <summary>A unit's member growth target for a year, as last set.</summary>
internal sealed class GrowthTargetFact
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public int Year { get; set; }

    public int NewMembers { get; set; }

    public long SetAtTicks { get; set; }
}

/// <summary>The reporting module's own SQLite database: inbox, org replica, projections, the staff's texts, issued
/// reports and the outbox (reporting's own event log of hand-ins).</summary>
internal sealed class ReportingDb(DbContextOptions<ReportingDb> options) : ModuleDbContext(options)
{
    public DbSet<IndicatorCell> Cells => Set<IndicatorCell>();

    public DbSet<MemberTimelinePoint> Timeline => Set<MemberTimelinePoint>();

    public DbSet<GrowthTargetFact> GrowthTargets => Set<GrowthTargetFact>();

    public DbSet<DirectionsText> Directions => Set<DirectionsText>();

    public DbSet<ReportNoteText> Notes => Set<ReportNoteText>();

    public DbSet<IssuedReport> IssuedReports => Set<IssuedReport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOrgReplica();
        modelBuilder.AddCatchUp();
        modelBuilder.Entity<IndicatorCell>(e =>
        {
            e.ToTable("indicator_cells");
            e.HasKey(x => new { x.Period, x.OrgUnitCode, x.Code });
        });
        modelBuilder.Entity<MemberTimelinePoint>(e =>
        {
            e.ToTable("member_timeline");
            e.HasKey(x => x.EventId);
            e.HasIndex(x => new { x.MemberId, x.EffectiveDate, x.RecordedAtTicks });
        });
        modelBuilder.Entity<GrowthTargetFact>(e =>
        {
            e.ToTable("growth_targets");
            e.HasKey(x => new { x.OrgUnitCode, x.Year });
        });
        modelBuilder.AddAddressTimeline();
        modelBuilder.AddStocks();
        modelBuilder.AddMemberProfiles();
        modelBuilder.AddBloodDonors();
        modelBuilder.AddDirectionsTexts();
        modelBuilder.AddCommendationLines();
        modelBuilder.AddProgrammeRows();
        modelBuilder.AddHandIns();
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class ReportingDbDesignFactory : IDesignTimeDbContextFactory<ReportingDb>
{
    public ReportingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingDb>().UseSqlite("Data Source=design.db").Options);
}
