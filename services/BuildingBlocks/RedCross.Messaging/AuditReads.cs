using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RedCross.Messaging;

/// <summary>`&lt;Module&gt;:Audit:Enabled` (default true) of the module whose DbContext is <typeparamref name="TContext"/>.
/// For measurement only: false lets a benchmark compare the same build with and without the audit trail's writes.
/// Never switch it off in a deployment (Decree 13/2023/NĐ-CP).</summary>
public sealed record AuditSettings<TContext>(bool Enabled)
    where TContext : ModuleDbContext;

/// <summary>Stores read entries with group commit: a read waits until its entries are durable (so no record is
/// shown without its trail), but the reads that arrive while one transaction is being written share the next
/// one, instead of one synchronous=FULL commit per read. The first waiter to take the lock writes everything
/// queued so far, its own entries and the others'. One per module DbContext.</summary>
public sealed class AuditReads<TContext>(IServiceScopeFactory scopes, AuditSettings<TContext> settings)
    where TContext : ModuleDbContext
{
    private readonly ConcurrentQueue<(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Done)> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);

    public async Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (!settings.Enabled || entries.Count == 0)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue((entries, done));
        await writer.WaitAsync(cancellationToken);
        try
        {
            if (!done.Task.IsCompleted)
            {
                await FlushAsync();
            }
        }
        finally
        {
            writer.Release();
        }

        await done.Task;
    }

    private async Task FlushAsync()
    {
        var batch = new List<(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Done)>();
        while (queue.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            // One prepared insert for every queued entry (a page of 50 records is 50 entries), not the change tracker.
            // Not the caller's token: entries queued by other reads are in this transaction too.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            using (var bulk = new AuditBulkWriter(db, (SqliteTransaction)transaction.GetDbTransaction()))
            {
                foreach (var entry in batch.SelectMany(b => b.Entries))
                {
                    bulk.Add(entry);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            batch.ForEach(b => b.Done.TrySetException(ex));
            return;
        }

        batch.ForEach(b => b.Done.TrySetResult());
    }
}

public static class AuditTrailExtensions
{
    /// <summary>A module that keeps an audit trail in <typeparamref name="TContext"/>: its setting
    /// `<paramref name="section"/>:Audit:Enabled` and its group-committed read writer.</summary>
    public static WebApplicationBuilder AddAuditTrail<TContext>(this WebApplicationBuilder builder, string section)
        where TContext : ModuleDbContext
    {
        builder.Services.AddSingleton(new AuditSettings<TContext>(builder.Configuration.GetValue($"{section}:Audit:Enabled", true)));
        builder.Services.AddSingleton<AuditReads<TContext>>();
        return builder;
    }
}
