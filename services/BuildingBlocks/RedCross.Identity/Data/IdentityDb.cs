using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RedCross.Identity.Data;

/// <summary>identity.db in the data folder: OpenIddict's applications (client ids, hashed secrets,
/// permissions) and the platform's record of each client.</summary>
internal sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options)
{
    public DbSet<ClientRecord> Clients => Set<ClientRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<ClientRecord>(e =>
        {
            e.ToTable("clients");
            e.HasKey(x => x.Name);
            e.HasIndex(x => x.ClientId).IsUnique();
            e.HasIndex(x => x.OrgPath);
            e.Ignore(x => x.ScopeList);
        });
    }
}

/// <summary>For `dotnet ef migrations add`.</summary>
internal sealed class IdentityDbDesignFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseSqlite("Data Source=design.db").Options);
}
