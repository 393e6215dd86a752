using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;

namespace RedCross.Messaging;

/// <summary>A row of a service's outbox, which is also its append-only event log: written in the same
/// SaveChanges as the state change, published by the relay, never purged.</summary>
public sealed class OutboxMessage
{
    /// <summary>Position in the log (SQLite rowid): strictly increasing.</summary>
    public long Position { get; private set; }

    /// <summary>The event id, used as the bus MessageId so inboxes can dedupe.</summary>
    public Guid Id { get; private set; }

    public string Type { get; private set; } = string.Empty;

    public string Payload { get; private set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Unix milliseconds before which the relay does not retry (SQLite compares numbers, not offsets).</summary>
    public long? NextAttemptAt { get; set; }

    /// <summary>W3C traceparent of the request that wrote the row.</summary>
    public string? TraceParent { get; private set; }

    public bool Dead { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage From(IIntegrationEvent evt) => new()
    {
        Id = evt.EventId,
        Type = EventTypeRegistry.NameOf(evt.GetType()),
        Payload = EventTypeRegistry.Serialize(evt),
        OccurredAt = evt.OccurredAt,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
    };
}

/// <summary>A message a consumer has applied: (MessageId, Consumer) is written in the same transaction
/// as the consumer's effect, so a redelivery is recognised and skipped.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = string.Empty;

    public DateTimeOffset ProcessedAt { get; set; }
}

public static class OutboxModelExtensions
{
    /// <summary>Adds the outbox table to a module's model.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).ValueGeneratedOnAdd();
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => new { x.SentAt, x.Dead, x.Position });
            e.Property(x => x.Type).HasMaxLength(200);
        });
        return model;
    }

    /// <summary>Adds the inbox table to a module's model.</summary>
    public static ModelBuilder AddInbox(this ModelBuilder model)
    {
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox");
            e.HasKey(x => new { x.MessageId, x.Consumer });
            e.Property(x => x.Consumer).HasMaxLength(200);
        });
        return model;
    }

    /// <summary>Queues an event in the outbox; it is stored by the same SaveChanges as the change it reports.</summary>
    public static void AddEvent(this DbContext db, IIntegrationEvent evt) => db.Set<OutboxMessage>().Add(OutboxMessage.From(evt));
}
