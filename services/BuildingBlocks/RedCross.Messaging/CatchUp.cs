using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RedCross.ServiceDefaults;

namespace RedCross.Messaging;

/// <summary>Catch-up settings of a consuming module (`{Consumer}:CatchUp`, e.g. `Reporting:CatchUp`).</summary>
public sealed class CatchUpOptions
{
    /// <summary>How often every source's log is read from the checkpoint.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events applied per transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>What the last catch-up of each source found, for status and lag metrics.</summary>
public sealed class CatchUpState<TContext>
    where TContext : ModuleDbContext
{
    private readonly ConcurrentDictionary<string, SourceState> sources = new();

    public CatchUpState(TimeProvider time)
    {
        RedCrossMetrics.ObserveProjectionLag(() => sources.Select(s => (s.Key, s.Value.Behind, s.Value.AgeSeconds(time.GetUtcNow()))));
    }

    public SourceState Of(string source) => sources.GetOrAdd(source, _ => new SourceState());

    /// <summary>One source's last known standing.</summary>
    public sealed class SourceState
    {
        public long Checkpoint { get; set; }

        public long Head { get; set; }

        public DateTimeOffset? NextOccurredAt { get; set; }

        public DateTimeOffset? LastCaughtUpAt { get; set; }

        public string? LastError { get; set; }

        public long Behind => Math.Max(0, Head - Checkpoint);

        public double AgeSeconds(DateTimeOffset now) => NextOccurredAt is { } next ? Math.Max(0, (now - next).TotalSeconds) : 0;
    }
}

/// <summary>Makes a consuming module exact whatever the bus did: reads each source's log from the
/// module's checkpoint, applies what the inbox has not seen through the same <see cref="EventIntake{TContext}"/>
/// as live delivery, and moves the checkpoint in the same transaction. Also retries parked events and
/// rebuilds a source from position zero.</summary>
public sealed class EventCatchUp<TContext>(
    EventIntake<TContext> intake,
    EventSubscription<TContext> subscription,
    ConsumerGate<TContext> gate,
    CatchUpState<TContext> state,
    EventTypeRegistry registry,
    IServiceProvider services,
    Microsoft.Extensions.Options.IOptions<CatchUpOptions> options,
    TimeProvider time,
    ILogger<EventCatchUp<TContext>> logger)
    where TContext : ModuleDbContext
{
    private static readonly SemaphoreSlim OneRunAtATime = new(1, 1);
    private readonly TContext db = intake.Db;

    /// <summary>Catches up every source (or one); a source that cannot be read is reported, not fatal.</summary>
    public async Task<CatchUpResult> RunAsync(string? onlySource, CancellationToken cancellationToken)
    {
        await OneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var result = new CatchUpResult();
            foreach (var source in Selected(onlySource))
            {
                var standing = state.Of(source.Name);
                try
                {
                    var reader = source.Reader(services);
                    var inbox = subscription.InboxOf(source.Name);
                    var checkpoint = await Parking.CheckpointAsync(db, inbox, source.Name, cancellationToken);
                    var (applied, reached) = await ApplyLogAsync(source, reader, checkpoint, holdGate: false, cancellationToken);
                    result.Applied += applied;
                    result.Positions[source.Name] = reached;
                    result.ParkedApplied += await RetryParkedAsync(source, cancellationToken);
                    var described = await reader.DescribeAsync(reached, cancellationToken);
                    (standing.Checkpoint, standing.Head, standing.NextOccurredAt) = (reached, described.HeadPosition, described.NextOccurredAt?.ToDateTimeOffset());
                    (standing.LastCaughtUpAt, standing.LastError) = (time.GetUtcNow(), null);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    standing.LastError = ex.GetType().Name + ": " + ex.Message;
                    logger.LogWarning("Catch-up of {Consumer} from {Source} failed: {Error}", subscription.Consumer, source.Name, standing.LastError);
                }
            }

            return result;
        }
        finally
        {
            OneRunAtATime.Release();
        }
    }

    /// <summary>Replaces the projections of every source (or one) with a replay of its whole log, in one
    /// transaction holding the gate: live deliveries wait, a failure half-way leaves the old projections.</summary>
    public async Task<CatchUpResult> RebuildAsync(string? onlySource, CancellationToken cancellationToken)
    {
        await OneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            using var _ = await gate.EnterAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = new CatchUpResult();
            foreach (var source in Selected(onlySource))
            {
                var inbox = subscription.InboxOf(source.Name);
                await intake.Applier.ClearAsync(source.Name, cancellationToken);
                await db.Set<InboxMessage>().Where(i => i.Consumer == inbox).ExecuteDeleteAsync(cancellationToken);
                await db.Set<ParkedEvent>().Where(p => p.Consumer == inbox).ExecuteDeleteAsync(cancellationToken);
                await db.Set<EventCheckpoint>().Where(c => c.Consumer == inbox).ExecuteDeleteAsync(cancellationToken);
                var (applied, reached) = await ApplyLogAsync(source, source.Reader(services), 0, holdGate: true, cancellationToken);
                result.Applied += applied;
                result.Positions[source.Name] = reached;
                state.Of(source.Name).Checkpoint = reached;
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Rebuilt {Consumer} from {Events} events ({Positions})", subscription.Consumer, result.Applied, string.Join(", ", result.Positions));
            return result;
        }
        finally
        {
            OneRunAtATime.Release();
        }
    }

    private IEnumerable<EventSource> Selected(string? onlySource) =>
        onlySource is null ? subscription.Sources : [subscription.Find(onlySource) ?? throw new ArgumentException($"Unknown source '{onlySource}'.", nameof(onlySource))];

    private async Task<(long Applied, long Reached)> ApplyLogAsync(EventSource source, IEventLogReader reader, long checkpoint, bool holdGate, CancellationToken cancellationToken)
    {
        var inbox = subscription.InboxOf(source.Name);
        var batchSize = Math.Max(1, options.Value.BatchSize);
        // A log holds every event its service publishes; this module takes only the types it subscribed to.
        var wanted = source.EventTypes.Select(EventTypeRegistry.NameOf).ToHashSet(StringComparer.Ordinal);
        var batch = new List<Delivery>(batchSize);
        long applied = 0, reached = checkpoint, read = checkpoint;
        await foreach (var envelope in reader.ReadAsync(checkpoint, cancellationToken))
        {
            read = envelope.Position;
            if (!wanted.Contains(envelope.EventType))
            {
                continue;
            }

            batch.Add(Delivery.FromLog(envelope, source.Name, registry));
            if (batch.Count == batchSize)
            {
                applied += await FlushAsync(inbox, source.Name, batch, read, holdGate, cancellationToken);
                reached = read;
                batch.Clear();
            }
        }

        if (batch.Count > 0 || read > reached)
        {
            applied += await FlushAsync(inbox, source.Name, batch, read, holdGate, cancellationToken);
            reached = read;
        }

        return (applied, reached);
    }

    /// <summary>Applies a batch and moves the checkpoint to <paramref name="position"/> (past any skipped events) in one transaction.</summary>
    private async Task<long> FlushAsync(string inbox, string source, List<Delivery> batch, long position, bool gateHeld, CancellationToken cancellationToken)
    {
        using var entered = gateHeld ? null : await gate.EnterAsync(cancellationToken);
        var result = await intake.ApplyAsync(inbox, batch, ct => Parking.SaveCheckpointAsync(db, inbox, source, position, ct), cancellationToken);
        db.ChangeTracker.Clear();
        return result.Applied.Count;
    }

    /// <summary>Parked events get another try each run: one whose cause is gone (a unit that now exists,
    /// a projection that learnt a new type) is applied and forgotten.</summary>
    private async Task<long> RetryParkedAsync(EventSource source, CancellationToken cancellationToken)
    {
        var inbox = subscription.InboxOf(source.Name);
        var parked = await db.Set<ParkedEvent>().AsNoTracking().Where(p => p.Consumer == inbox)
            .OrderBy(p => p.Position).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (parked.Count == 0)
        {
            return 0;
        }

        using var _ = await gate.EnterAsync(cancellationToken);
        var deliveries = parked.Select(p => Delivery.Stored(p.EventId, p.Source, p.Position, p.Type, p.Payload, registry)).ToList();
        var result = await intake.ApplyAsync(inbox, deliveries, ct => Parking.ForgetAppliedAsync(db, inbox, ct), cancellationToken);
        db.ChangeTracker.Clear();
        return result.Applied.Count;
    }
}

/// <summary>What a catch-up or rebuild did.</summary>
public sealed class CatchUpResult
{
    public long Applied { get; set; }

    public long ParkedApplied { get; set; }

    public Dictionary<string, long> Positions { get; } = [];
}
