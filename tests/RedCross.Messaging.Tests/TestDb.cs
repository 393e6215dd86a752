using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Messaging.Tests;

/// <summary>A module database with one table of effects, on a real SQLite file.</summary>
public sealed class TestDb(DbContextOptions<TestDb> options) : ModuleDbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    public DbSet<Record> Records => Set<Record>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddCatchUp();
        modelBuilder.Entity<Effect>().HasKey(e => e.Id);
        modelBuilder.Entity<Record>(e =>
        {
            e.ToTable("records");
            e.Property(x => x.Colour).HasConversion<string>();
        });
    }
}

public sealed class Effect
{
    public int Id { get; set; }

    public string Note { get; set; } = string.Empty;
}

/// <summary>A row with one column of each kind the modules store, for the bulk writers' tests.</summary>
public sealed class Record
{
    public Guid Id { get; set; }

    public DateOnly On { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Note { get; set; }

    public bool Flag { get; set; }

    public long Amount { get; set; }

    public Colour Colour { get; set; }
}

public enum Colour
{
    Red,
    Green,
}

/// <summary>A service provider with <see cref="TestDb"/> on a temporary file, created with EnsureCreated (tests only).</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rc-messaging-").FullName;

    public TestDatabase()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDb>(o => o.UseSqlite(SqliteConventions.ConnectionString(folder, "test")).AddInterceptors(SqliteConventions.PragmaInterceptor.Instance));
        Services = services.BuildServiceProvider();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public ServiceProvider Services { get; }

    public TestDb NewContext() => Services.CreateScope().ServiceProvider.GetRequiredService<TestDb>();

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
