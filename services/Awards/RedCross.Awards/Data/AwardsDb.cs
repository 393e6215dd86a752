using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RedCross.Awards.Domain;
using RedCross.Messaging;
using RedCross.OrgReplica;

namespace RedCross.Awards.Data;

/// <summary>The awards module's own SQLite database: issuers and forms, nominations, recognition tiers, its outbox
/// (event log), and what it learns from other services' events (the org tree, members, donors' tallies) with the
/// inbox and checkpoints that feed them.</summary>
internal sealed class AwardsDb(DbContextOptions<AwardsDb> options) : ModuleDbContext(options)
{
    public DbSet<Issuer> Issuers => Set<Issuer>();

    public DbSet<Nomination> Nominations => Set<Nomination>();

    public DbSet<RecognitionTier> RecognitionTiers => Set<RecognitionTier>();

    public DbSet<KnownMember> Members => Set<KnownMember>();

    public DbSet<DonorTally> Donors => Set<DonorTally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOrgReplica();
        modelBuilder.AddCatchUp();
        modelBuilder.AddIdempotency();
        modelBuilder.Entity<Issuer>(e =>
        {
            e.ToTable("issuers");
            e.HasKey(x => x.Code);
            e.Ignore(x => x.Level);
            e.HasMany(x => x.Forms).WithOne().HasForeignKey(f => f.IssuerCode);
        });
        modelBuilder.Entity<IssuerForm>(e =>
        {
            e.ToTable("issuer_forms");
            e.HasKey(x => new { x.IssuerCode, x.Kind });
        });
        modelBuilder.Entity<Nomination>(e =>
        {
            e.ToTable("nominations");
            e.HasIndex(x => x.OrgUnitPath);
            // The duplicate rule's backstop: one standing nomination per recipient, issuer, form and year.
            e.HasIndex(x => new { x.IssuerCode, x.FormKind, x.Year, x.RecipientKey }).IsUnique()
                .HasFilter("Status IN ('draft', 'submitted', 'approved')");
            // Candidates exclude donors holding a standing nomination for a tier's issuer and form.
            e.HasIndex(x => x.RecipientKey);
            e.Ignore(x => x.ETag);
            e.Ignore(x => x.IsCollective);
        });
        modelBuilder.Entity<RecognitionTier>(e =>
        {
            e.ToTable("recognition_tiers");
            e.HasIndex(x => new { x.ProvinceCode, x.IssuerCode, x.MinDonations }).IsUnique();
        });
        modelBuilder.Entity<KnownMember>(e =>
        {
            e.ToTable("known_members");
            e.HasKey(x => x.MemberId);
        });
        modelBuilder.Entity<DonorTally>(e =>
        {
            e.ToTable("donor_tallies");
            e.HasKey(x => x.DonorId);
            e.HasIndex(x => new { x.ProvinceCode, x.DonationCount });
            e.HasIndex(x => x.OrgUnitPath);
        });
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class AwardsDbDesignFactory : IDesignTimeDbContextFactory<AwardsDb>
{
    public AwardsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AwardsDb>().UseSqlite("Data Source=design.db").Options);
}
