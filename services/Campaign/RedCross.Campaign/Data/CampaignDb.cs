using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RedCross.Campaign.Domain;
using RedCross.Messaging;
using RedCross.OrgReplica;

namespace RedCross.Campaign.Data;

/// <summary>The campaign module's own SQLite database: campaigns and their results, beneficiary list snapshots and the
/// gifts relief recorded against them, blood donors, sessions, donations, deferrals and the eligibility rules; its
/// outbox (event log), audit trail, and the replica of membership's org tree with the inbox and checkpoints that feed
/// it and the gifts.</summary>
internal sealed class CampaignDb(DbContextOptions<CampaignDb> options, AuditSettings<CampaignDb>? audit = null) : ModuleDbContext(options), IAuditedDb
{
    /// <summary>False only when a benchmark switched the audit trail off (`Campaign:Audit:Enabled=false`).</summary>
    public bool AuditEnabled { get; } = audit?.Enabled ?? true;

    public DbSet<Domain.Campaign> Campaigns => Set<Domain.Campaign>();

    public DbSet<CampaignResult> Results => Set<CampaignResult>();

    public DbSet<CampaignBeneficiary> Beneficiaries => Set<CampaignBeneficiary>();

    public DbSet<CampaignSponsorGifts> Gifts => Set<CampaignSponsorGifts>();

    public DbSet<BloodDonor> Donors => Set<BloodDonor>();

    public DbSet<BloodSession> Sessions => Set<BloodSession>();

    public DbSet<BloodDonation> Donations => Set<BloodDonation>();

    public DbSet<BloodDeferral> Deferrals => Set<BloodDeferral>();

    public DbSet<EligibilityRule> Rules => Set<EligibilityRule>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOrgReplica();
        modelBuilder.AddCatchUp();
        modelBuilder.AddIdempotency();
        modelBuilder.AddAuditTrail();
        modelBuilder.Entity<Domain.Campaign>(e =>
        {
            e.ToTable("campaigns");
            e.HasIndex(x => x.OrgUnitPath);
            e.OwnsMany(x => x.Partners, p =>
            {
                p.ToTable("campaign_partners");
                p.WithOwner().HasForeignKey("CampaignId");
                p.Property<int>("Id");
                p.HasKey("Id");
                p.HasIndex(x => x.ClientId);
            });
            e.OwnsOne(x => x.Targets);
            e.OwnsOne(x => x.Totals);
            e.Navigation(x => x.Targets).IsRequired();
            e.Navigation(x => x.Totals).IsRequired();
            e.Ignore(x => x.ETag);
        });
        modelBuilder.Entity<CampaignResult>(e =>
        {
            e.ToTable("campaign_results");
            e.HasIndex(x => new { x.CampaignId, x.Id });
            e.OwnsOne(x => x.Figures);
            e.Navigation(x => x.Figures).IsRequired();
        });
        modelBuilder.Entity<CampaignBeneficiary>(e =>
        {
            e.ToTable("campaign_beneficiaries");
            e.HasKey(x => new { x.CampaignId, x.Position });
        });
        modelBuilder.Entity<CampaignSponsorGifts>(e =>
        {
            e.ToTable("campaign_sponsor_gifts");
            e.HasKey(x => new { x.CampaignId, x.SponsorId });
        });
        modelBuilder.Entity<BloodDonor>(e =>
        {
            e.ToTable("blood_donors");
            e.HasIndex(x => new { x.SearchName, x.BirthDate, x.OrgUnitCode });
            e.HasIndex(x => x.OrgUnitPath);
            // The recall list: donors whose intervals are over by a day.
            e.HasIndex(x => x.NextEligibleOn);
            e.Ignore(x => x.ETag);
            e.Ignore(x => x.EligibleSince);
        });
        modelBuilder.Entity<BloodSession>(e =>
        {
            e.ToTable("blood_sessions");
            e.HasIndex(x => x.CampaignId);
            e.HasIndex(x => x.OrgUnitPath);
        });
        modelBuilder.Entity<BloodDonation>(e =>
        {
            e.ToTable("blood_donations");
            // The interval rule reads the donor's nearest donations on either side of a day inside the write transaction.
            e.HasIndex(x => new { x.DonorId, x.DonatedOn });
            e.HasIndex(x => x.SessionId);
            e.HasIndex(x => x.OrgUnitPath);
        });
        modelBuilder.Entity<BloodDeferral>(e =>
        {
            e.ToTable("blood_deferrals");
            e.HasIndex(x => new { x.DonorId, x.DeferredOn });
        });
        modelBuilder.Entity<EligibilityRule>(e =>
        {
            e.ToTable("eligibility_rules");
            e.HasKey(x => x.Code);
            e.HasData(EligibilityRules.Defaults);
        });
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class CampaignDbDesignFactory : IDesignTimeDbContextFactory<CampaignDb>
{
    public CampaignDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CampaignDb>().UseSqlite("Data Source=design.db").Options);
}
