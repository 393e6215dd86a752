using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RedCross.Identity.Data;

/// <summary>identity.db in the data folder: OpenIddict's applications (client ids, hashed secrets,
/// permissions), tokens and authorizations, the platform's record of each client, people's accounts and the
/// append-only trail of sign-ins.</summary>
internal sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options)
{
    public DbSet<ClientRecord> Clients => Set<ClientRecord>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<SignInRecord> SignIns => Set<SignInRecord>();

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
        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(x => x.Username);
            e.HasIndex(x => x.Subject).IsUnique();
            e.HasIndex(x => x.OrgPath);
        });
        modelBuilder.Entity<SignInRecord>(e =>
        {
            e.ToTable("sign_ins");
            e.HasIndex(x => new { x.Username, x.At });
        });
    }
}

/// <summary>For `dotnet ef migrations add`.</summary>
internal sealed class IdentityDbDesignFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseSqlite("Data Source=design.db").Options);
}
