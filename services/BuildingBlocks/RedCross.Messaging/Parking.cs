using Microsoft.EntityFrameworkCore;

namespace RedCross.Messaging;

/// <summary>An event a consumer could not apply, kept with its reason instead of blocking the events
/// behind it. Retried on every catch-up; deleted once applied.</summary>
public sealed class ParkedEvent
{
    /// <summary>The inbox name of the consumer that parked it.</summary>
    public string Consumer { get; set; } = string.Empty;

    public Guid EventId { get; set; }

    /// <summary>Source name, or "bus" for a message that arrived unreadable.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Position in the source's log; 0 for a live delivery.</summary>
    public long Position { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public DateTimeOffset ParkedAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>Per consumer and source, the log position below which every event has been applied.</summary>
public sealed class EventCheckpoint
{
    public string Consumer { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public long Position { get; set; }
}

public static class Parking
{
    /// <summary>Largest payload kept with a parked event (a garbage message may be large).</summary>
    private const int MaxPayload = 16 * 1024;

    /// <summary>Adds the checkpoint and parked-event tables to a consuming module's model.</summary>
    public static ModelBuilder AddCatchUp(this ModelBuilder model)
    {
        model.Entity<ParkedEvent>(e =>
        {
            e.ToTable("parked_events");
            e.HasKey(x => new { x.Consumer, x.EventId });
            e.HasIndex(x => new { x.Consumer, x.Position });
        });
        model.Entity<EventCheckpoint>(e =>
        {
            e.ToTable("event_checkpoints");
            e.HasKey(x => new { x.Consumer, x.Source });
        });
        return model;
    }

    internal const string ParkSql =
        "INSERT INTO parked_events (Consumer, EventId, Source, Position, Type, Payload, Reason, ParkedAt, Attempts) " +
        "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, 1) " +
        "ON CONFLICT (Consumer, EventId) DO UPDATE SET Reason = excluded.Reason, Attempts = Attempts + 1, " +
        "Position = max(Position, excluded.Position)";

    internal const string CheckpointSql =
        "INSERT INTO event_checkpoints (Consumer, Source, Position) VALUES ({0}, {1}, {2}) " +
        "ON CONFLICT (Consumer, Source) DO UPDATE SET Position = max(Position, excluded.Position)";

    /// <summary>Parks an event, or counts one more attempt of an event parked already.</summary>
    public static Task ParkAsync(ModuleDbContext db, string consumer, Guid eventId, string source, long position, string type,
        string payload, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            ParkSql,
            [consumer, SqliteFormat.Guid(eventId), source, position, type, payload.Length > MaxPayload ? payload[..MaxPayload] : payload,
                reason.Length > 2000 ? reason[..2000] : reason, SqliteFormat.Instant(now)],
            cancellationToken);

    /// <summary>Deletes parked rows of <paramref name="consumer"/> whose event has since been applied.</summary>
    public static Task<int> ForgetAppliedAsync(ModuleDbContext db, string consumer, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            "DELETE FROM parked_events WHERE Consumer = {0} AND EventId IN (SELECT MessageId FROM inbox WHERE Consumer = {0})",
            [consumer], cancellationToken);

    /// <summary>Moves a checkpoint forward (never back: two catch-ups may finish out of order).</summary>
    public static Task SaveCheckpointAsync(ModuleDbContext db, string consumer, string source, long position, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(CheckpointSql, [consumer, source, position], cancellationToken);

    public static async Task<long> CheckpointAsync(ModuleDbContext db, string consumer, string source, CancellationToken cancellationToken) =>
        await db.Set<EventCheckpoint>().AsNoTracking().Where(c => c.Consumer == consumer && c.Source == source)
            .Select(c => (long?)c.Position).FirstOrDefaultAsync(cancellationToken) ?? 0;
}
