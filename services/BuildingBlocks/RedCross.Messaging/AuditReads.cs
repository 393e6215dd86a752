using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedCross.Messaging;

/// <summary>`&lt;Module&gt;:Audit:Enabled` (default true) of the module whose DbContext is <typeparamref name="TContext"/>.
/// For measurement only: false lets a benchmark compare the same build with and without the audit trail's writes.
/// Never switch it off in a deployment (Decree 13/2023/NĐ-CP).</summary>
public sealed record AuditSettings<TContext>(bool Enabled)
    where TContext : ModuleDbContext;

/// <summary>Stores read entries in batches: a read queues its entries and answers at once; a background flush commits
/// everything queued in one transaction within <see cref="FlushDelay"/> of the first entry, so reads never wait for a
/// durable commit (docs/decisions.md: a crash may lose at most that last second of read entries; a change's entries are
/// in the change's own transaction). Listing the trail flushes first, so a reader of the trail sees every read made
/// before. One per module DbContext.</summary>
public sealed class AuditReads<TContext>(IServiceScopeFactory scopes, AuditSettings<TContext> settings, ILogger<AuditReads<TContext>> logger)
    : BackgroundService
    where TContext : ModuleDbContext
{
    /// <summary>How long the first queued entry waits for others to share its commit: well inside the one second.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentQueue<AuditEntry> queue = new();
    private readonly SemaphoreSlim queued = new(0, 1);
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>Queues a read's entries; they are durable within a second.</summary>
    public void Record(IReadOnlyList<AuditEntry> entries)
    {
        if (!settings.Enabled || entries.Count == 0)
        {
            return;
        }

        foreach (var entry in entries)
        {
            queue.Enqueue(entry);
        }

        WakeFlush();
    }

    /// <summary>Commits every entry queued so far; returns once they are durable.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<AuditEntry>();
            while (queue.TryDequeue(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
        finally
        {
            writer.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await queued.WaitAsync(stoppingToken);
                await Task.Delay(FlushDelay, stoppingToken);
                await FlushOrKeepAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below.
        }

        await FlushOrKeepAsync();
    }

    /// <summary>A failed commit (disk full, database locked past its timeout) keeps the entries queued for the next
    /// round, in their order after any queued meanwhile; the failure is logged, never thrown at a reader.</summary>
    private async Task FlushOrKeepAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Read entries of {Context}'s audit trail could not be written; retrying", typeof(TContext).Name);
            WakeFlush();
        }
    }

    private void WakeFlush()
    {
        if (queued.CurrentCount == 0)
        {
            try
            {
                queued.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    private async Task CommitAsync(List<AuditEntry> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            // One prepared insert for every queued entry (a page of 50 records is 50 entries), not the change tracker.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            using (var bulk = new AuditBulkWriter(db, (SqliteTransaction)transaction.GetDbTransaction()))
            {
                batch.ForEach(bulk.Add);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch
        {
            batch.ForEach(queue.Enqueue);
            throw;
        }
    }
}

public static class AuditTrailExtensions
{
    /// <summary>A module that keeps an audit trail in <typeparamref name="TContext"/>: its setting
    /// `<paramref name="section"/>:Audit:Enabled` and its batched read writer.</summary>
    public static WebApplicationBuilder AddAuditTrail<TContext>(this WebApplicationBuilder builder, string section)
        where TContext : ModuleDbContext
    {
        builder.Services.AddSingleton(new AuditSettings<TContext>(builder.Configuration.GetValue($"{section}:Audit:Enabled", true)));
        builder.Services.AddSingleton<AuditReads<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditReads<TContext>>());
        return builder;
    }
}
