using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedCross.ServiceDefaults;

namespace RedCross.Messaging;

/// <summary>Relay settings (`Messaging:Relay`).</summary>
public sealed class RelayOptions
{
    public int BatchSize { get; set; } = 200;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed attempts a row is flagged dead and left for an operator.</summary>
    public int MaxAttempts { get; set; } = 1000;
}

/// <summary>Publishes a module's pending outbox rows in position order, with MessageId = row id, marks
/// them sent, backs off on failure and flags a row dead after too many attempts. The only code that
/// touches the bus.</summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    EventTypeRegistry registry,
    IOptions<RelayOptions> options,
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
        var now = DateTimeOffset.UtcNow;
        var nowMs = now.ToUnixTimeMilliseconds();
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && !m.Dead && (m.NextAttemptAt == null || m.NextAttemptAt <= nowMs))
            .OrderBy(m => m.Position)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (now - lastCounted > TimeSpan.FromSeconds(1))
        {
            // At most once a second: an indexed count of the pending rows, for the backlog gauge.
            lastCounted = now;
            RedCrossMetrics.OutboxBacklog(typeof(TContext).Name, await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null && !m.Dead, cancellationToken));
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        await Task.WhenAll(rows.Select(row => PublishOneAsync(row, timeout.Token)));

        // One statement marks the batch sent; only failed rows (few) are updated one by one.
        var sent = rows.Where(r => r.SentAt is not null).Select(r => r.Position).ToList();
        var sentAt = DateTimeOffset.UtcNow;
        await db.Set<OutboxMessage>().Where(m => sent.Contains(m.Position))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, sentAt), CancellationToken.None);
        var failed = rows.Where(r => r.SentAt is null).ToList();
        if (failed.Count > 0)
        {
            db.Set<OutboxMessage>().UpdateRange(failed);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return rows.Count;
    }

    private async Task PublishOneAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        try
        {
            var evt = registry.Deserialize(row.Type, row.Payload);
            // Continue the trace of the request that wrote the row, so one trace spans the bus.
            using var activity = row.TraceParent is { } parent
                ? RedCrossMetrics.ActivitySource.StartActivity("outbox publish " + row.Type, ActivityKind.Producer, parent)
                : null;
            await bus.Publish(evt, evt.GetType(), ctx => ctx.MessageId = row.Id, cancellationToken);
            row.SentAt = DateTimeOffset.UtcNow;
            row.LastError = null;
            RedCrossMetrics.EventPublished(row.Type, row.SentAt.Value - row.OccurredAt);
        }
        catch (Exception ex)
        {
            row.Attempts++;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(settings.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(row.Attempts, 16))));
            row.NextAttemptAt = DateTimeOffset.UtcNow.Add(backoff).ToUnixTimeMilliseconds();
            row.LastError = ex.GetType().Name + ": " + ex.Message;
            row.Dead = row.Attempts >= settings.MaxAttempts || ex is InvalidOperationException or System.Text.Json.JsonException;
            if (row.Dead)
            {
                logger.LogError(ex, "Outbox row {Position} ({Type}) flagged dead after {Attempts} attempts", row.Position, row.Type, row.Attempts);
            }
        }
    }
}
