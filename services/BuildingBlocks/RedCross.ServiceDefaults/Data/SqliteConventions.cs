using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace RedCross.ServiceDefaults.Data;

/// <summary>How every module keeps its SQLite file: one file per module in the data folder, WAL,
/// synchronous=FULL (acknowledged writes survive a crash), a busy timeout, migrations at start-up.</summary>
public static class SqliteConventions
{
    public static string ConnectionString(string dataDirectory, string module) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, module + ".db"),
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Registers the module's DbContext on its own file, migrates it before anything else starts
    /// and adds a readiness check.</summary>
    public static void AddModuleDatabase<TContext>(this WebApplicationBuilder builder, string module)
        where TContext : DbContext
    {
        var connectionString = ConnectionString(DataDirectory.Resolve(builder.Configuration), module);
        builder.Services.AddDbContext<TContext>(o => o.UseSqlite(connectionString).AddInterceptors(PragmaInterceptor.Instance));
        builder.Services.AddHostedService<MigrateOnStart<TContext>>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            module + "-db", sp => new DatabaseHealthCheck<TContext>(sp), HealthStatus.Unhealthy, ["ready"]));
    }

    /// <summary>Sets the per-connection pragmas every time a pooled connection opens.</summary>
    public sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();

        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed class MigrateOnStart<TContext>(IServiceProvider services) : IHostedService
        where TContext : DbContext
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck<TContext>(IServiceProvider services) : IHealthCheck
        where TContext : DbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Cannot open the database.");
        }
    }
}
