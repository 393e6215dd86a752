using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RedCross.Membership.Domain;
using RedCross.Messaging;

namespace RedCross.Membership.Data;

/// <summary>The membership module's own SQLite database.</summary>
internal sealed class MembershipDb(DbContextOptions<MembershipDb> options, AuditSettings<MembershipDb>? audit = null) : ModuleDbContext(options), IAuditedDb
{
    /// <summary>False only when a benchmark switched the audit trail off (`Membership:Audit:Enabled=false`).</summary>
    public bool AuditEnabled { get; } = audit?.Enabled ?? true;

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<MemberStatusChange> StatusChanges => Set<MemberStatusChange>();

    public DbSet<DuesPayment> DuesPayments => Set<DuesPayment>();

    public DbSet<DuesExemption> DuesExemptions => Set<DuesExemption>();

    public DbSet<Training> Trainings => Set<Training>();

    public DbSet<WelfareContribution> WelfareContributions => Set<WelfareContribution>();

    public DbSet<WelfareVisit> WelfareVisits => Set<WelfareVisit>();

    public DbSet<GrowthTarget> GrowthTargets => Set<GrowthTarget>();

    /// <summary>The shared audit trail (<see cref="AuditTrailModelExtensions.AddAuditTrail"/>): entries about members.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<OrgUnit>(e =>
        {
            e.ToTable("org_units");
            e.HasKey(x => x.Code);
            e.HasIndex(x => x.Path).IsUnique();
            e.HasIndex(x => x.ParentCode);
            e.Property(x => x.Level).HasConversion<string>();
            e.OwnsMany(x => x.Names, n =>
            {
                n.ToTable("org_unit_names");
                n.WithOwner().HasForeignKey("Code");
                n.HasKey("Code", nameof(OrgUnitName.ValidFrom));
                n.Property(x => x.Level).HasConversion<string>();
            });
        });
        modelBuilder.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.NationalId).IsUnique();
            e.HasIndex(x => x.ImportKey);
            e.HasIndex(x => x.SortKey);
            e.HasIndex(x => x.OrgUnitPath);
            e.Property(x => x.Status).HasConversion<string>();
            e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.MemberId);
            e.HasMany(x => x.Transfers).WithOne().HasForeignKey(x => x.MemberId);
        });
        modelBuilder.Entity<MemberTransfer>(e =>
        {
            e.ToTable("member_transfers");
            e.HasKey(x => new { x.MemberId, x.Sequence });
            e.HasIndex(x => x.FromUnitPath);
        });
        modelBuilder.Entity<MemberStatusChange>(e =>
        {
            e.ToTable("member_status_changes");
            e.HasKey(x => new { x.MemberId, x.Sequence });
            e.Property(x => x.Status).HasConversion<string>();
        });
        modelBuilder.Entity<DuesPayment>(e =>
        {
            e.ToTable("dues_payments");
            e.HasIndex(x => new { x.MemberId, x.Year });
        });
        modelBuilder.Entity<DuesExemption>(e =>
        {
            e.ToTable("dues_exemptions");
            // One standing exemption per member and year; a voided one no longer stands in the way.
            e.HasIndex(x => new { x.MemberId, x.Year }).IsUnique().HasFilter("\"VoidedAt\" IS NULL");
            e.HasIndex(x => new { x.OrgUnitCode, x.Year });
        });
        modelBuilder.Entity<Training>(e =>
        {
            e.ToTable("trainings");
            e.Ignore(x => x.ParticipantCount);
        });
        modelBuilder.Entity<WelfareContribution>().ToTable("welfare_contributions");
        modelBuilder.Entity<WelfareVisit>().ToTable("welfare_visits");
        modelBuilder.Entity<GrowthTarget>(e =>
        {
            e.ToTable("growth_targets");
            e.HasKey(x => new { x.OrgUnitCode, x.Year });
        });
        modelBuilder.AddAuditTrail();
        modelBuilder.AddIdempotency();
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class MembershipDbDesignFactory : IDesignTimeDbContextFactory<MembershipDb>
{
    public MembershipDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MembershipDb>().UseSqlite("Data Source=design.db").Options);
}
