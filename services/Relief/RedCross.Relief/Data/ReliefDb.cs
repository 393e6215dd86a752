using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Domain;

namespace RedCross.Relief.Data;

/// <summary>The relief module's own SQLite database: its records, its outbox (event log), and its replica of
/// membership's org tree with the inbox and checkpoint that feed it.</summary>
internal sealed class ReliefDb(DbContextOptions<ReliefDb> options, AuditSettings<ReliefDb>? audit = null) : ModuleDbContext(options), IAuditedDb
{
    /// <summary>False only when a benchmark switched the audit trail off (`Relief:Audit:Enabled=false`).</summary>
    public bool AuditEnabled { get; } = audit?.Enabled ?? true;

    public DbSet<Beneficiary> Beneficiaries => Set<Beneficiary>();

    public DbSet<Sponsor> Sponsors => Set<Sponsor>();

    public DbSet<Donation> Donations => Set<Donation>();

    public DbSet<Distribution> Distributions => Set<Distribution>();

    public DbSet<LivestockProgramme> LivestockProgrammes => Set<LivestockProgramme>();

    public DbSet<LivestockAnimal> LivestockAnimals => Set<LivestockAnimal>();

    public DbSet<HandoverObligation> HandoverObligations => Set<HandoverObligation>();
    public DbSet<HumanitarianAddress> HumanitarianAddresses => Set<HumanitarianAddress>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOrgReplica();
        modelBuilder.AddCatchUp();
        modelBuilder.AddIdempotency();
        modelBuilder.AddAuditTrail();
        modelBuilder.Entity<Beneficiary>(e =>
        {
            e.ToTable("beneficiaries");
            e.HasIndex(x => x.NationalId).IsUnique();
            e.HasIndex(x => new { x.SearchName, x.BirthDate, x.CommunePath });
            e.HasIndex(x => x.OrgUnitPath);
            e.Ignore(x => x.CategoryList);
        });
        modelBuilder.Entity<Sponsor>(e =>
        {
            e.ToTable("sponsors");
            e.HasIndex(x => x.OrgUnitPath);
        });
        modelBuilder.Entity<Donation>(e =>
        {
            e.ToTable("donations");
            e.HasIndex(x => x.OrgUnitPath);
            e.HasIndex(x => x.SponsorId);
        });
        modelBuilder.Entity<Distribution>(e =>
        {
            e.ToTable("distributions");
            e.HasIndex(x => x.OrgUnitPath);
            e.HasIndex(x => x.BeneficiaryId);
            e.HasIndex(x => x.AddressId);
            // The balance rule sums a donation's standing distributions inside the write transaction.
            e.HasIndex(x => new { x.DonationId, x.ReversedAt });
            e.HasIndex(x => x.BatchId);
        });
        modelBuilder.AddLivestock();
        modelBuilder.AddHumanitarianAddresses();
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class ReliefDbDesignFactory : IDesignTimeDbContextFactory<ReliefDb>
{
    public ReliefDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReliefDb>().UseSqlite("Data Source=design.db").Options);
}
