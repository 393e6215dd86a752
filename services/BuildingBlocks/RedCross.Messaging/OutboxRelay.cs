using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedCross.Contracts.Events;
using RedCross.ServiceDefaults;

namespace RedCross.Messaging;

/// <summary>Relay settings (`Messaging:Relay`).</summary>
public sealed class RelayOptions
{
    public int BatchSize { get; set; } = 200;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Publishes a module's pending outbox rows in position order, with MessageId = row id, and marks
/// them sent. A publish that fails (broker away, channel closed, timeout) is retried with capped backoff for
/// as long as it takes; only a row that can never be published (it does not deserialize) is flagged, for an
/// operator to see and retry. The only code that touches the bus.</summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    EventTypeRegistry registry,
    IOptions<RelayOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ModuleDbContext
{
    private readonly RelayOptions settings = options.Value;
    private readonly OutboxSignal signal = OutboxSignal.For(typeof(TContext));
    private DateTimeOffset lastCounted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await PublishBatchAsync(stoppingToken) == settings.BatchSize;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox relay of {Context} failed; retrying", typeof(TContext).Name);
            }

            if (!full)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    internal async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && !m.Dead && (m.NextAttemptAt == null || m.NextAttemptAt <= nowMs))
            .OrderBy(m => m.Position)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (now - lastCounted > TimeSpan.FromSeconds(1))
        {
            // At most once a second: indexed reads of the backlog and flagged rows, for the gauges.
            lastCounted = now;
            var status = await OutboxStatus.ReadAsync(db, now, cancellationToken);
            RedCrossMetrics.OutboxStanding(typeof(TContext).Name, (status.Pending, status.OldestPendingAgeSeconds, status.Flagged));
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var done = await PublishAllAsync(rows, cancellationToken);

        // One statement marks the batch sent; only failed rows (few) are updated one by one.
        var sent = done.Where(r => r.SentAt is not null).Select(r => r.Position).ToList();
        var sentAt = time.GetUtcNow();
        await db.Set<OutboxMessage>().Where(m => sent.Contains(m.Position))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, sentAt), CancellationToken.None);
        var failed = done.Where(r => r.SentAt is null).ToList();
        if (failed.Count > 0)
        {
            db.Set<OutboxMessage>().UpdateRange(failed);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return rows.Count;
    }

    /// <summary>Publishes the rows at once and returns those whose publish finished (sent, failed or flagged). A publish
    /// that ignores its cancellation (a transport wedged waiting for a confirm) is left behind after twice the timeout:
    /// its row stays pending untouched and is published again by a later batch (consumers drop the duplicate by its
    /// message id), so one stuck publish never stops the relay.</summary>
    private async Task<List<OutboxMessage>> PublishAllAsync(List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        var publishes = rows.Select(row => PublishOneAsync(row, timeout.Token)).ToList();
        try
        {
            await Task.WhenAll(publishes).WaitAsync(settings.PublishTimeout * 2, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Outbox relay of {Context}: {Count} publishes ignored their timeout; their rows are retried",
                typeof(TContext).Name, publishes.Count(p => !p.IsCompleted));
        }

        return [.. rows.Where((_, i) => publishes[i].IsCompleted)];
    }

    private async Task PublishOneAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        IIntegrationEvent evt;
        try
        {
            evt = registry.Deserialize(row.Type, row.Payload);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
        {
            // Poison: no number of retries will publish it. Flagged, counted, listed by `rc admin outbox`.
            row.Attempts++;
            row.Dead = true;
            row.LastError = ex.GetType().Name + ": " + ex.Message;
            logger.LogError("Outbox row {Position} ({Type}) cannot be published and is flagged: {Error}", row.Position, row.Type, row.LastError);
            return;
        }

        try
        {
            // Continue the trace of the request that wrote the row, so one trace spans the bus.
            using var activity = row.TraceParent is { } parent
                ? RedCrossMetrics.ActivitySource.StartActivity("outbox publish " + row.Type, ActivityKind.Producer, parent)
                : null;
            await bus.Publish(evt, evt.GetType(), ctx => ctx.MessageId = row.Id, cancellationToken);
            row.SentAt = time.GetUtcNow();
            row.LastError = null;
            RedCrossMetrics.EventPublished(row.Type, row.SentAt.Value - row.OccurredAt);
        }
        catch (Exception ex)
        {
            // The broker is away or slow: the row waits, however long that takes.
            row.Attempts++;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(settings.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(row.Attempts, 16))));
            row.NextAttemptAt = time.GetUtcNow().Add(backoff).ToUnixTimeMilliseconds();
            row.LastError = ex.GetType().Name + ": " + ex.Message;
        }
    }
}
