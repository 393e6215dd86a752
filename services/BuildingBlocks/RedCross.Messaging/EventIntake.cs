using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Events;
using RedCross.ServiceDefaults;

namespace RedCross.Messaging;

/// <summary>What a consuming module does with one event, inside the transaction the intake opened. One
/// instance serves a scope (a delivery, a catch-up run, a rebuild).</summary>
public interface IEventApplier<TContext> : IDisposable
    where TContext : ModuleDbContext
{
    /// <summary>Writes the event's effect; throwing parks the event with the exception's message.</summary>
    Task ApplyAsync(IIntegrationEvent evt, CancellationToken cancellationToken);

    /// <summary>Deletes everything the events of <paramref name="source"/> produced, before a rebuild.</summary>
    Task ClearAsync(string source, CancellationToken cancellationToken);
}

/// <summary>One event on its way in, from the bus (no position) or from a source's log. <see cref="Event"/>
/// is null when the payload could not be read; <see cref="Problem"/> then says why.</summary>
public sealed record Delivery(Guid EventId, string Source, long Position, string Type, IIntegrationEvent? Event, string? Payload, string? Problem)
{
    public static Delivery Live(Guid messageId, string source, IIntegrationEvent evt) =>
        new(messageId, source, 0, EventTypeRegistry.NameOf(evt.GetType()), evt, null, null);

    public static Delivery FromLog(EventEnvelope envelope, string source, EventTypeRegistry registry) =>
        Stored(Guid.TryParse(envelope.EventId, out var id) ? id : Guid.Empty, source, envelope.Position, envelope.EventType, envelope.PayloadJson, registry);

    public static Delivery Stored(Guid eventId, string source, long position, string type, string payload, EventTypeRegistry registry)
    {
        try
        {
            return new(eventId, source, position, type, registry.Deserialize(type, payload), payload, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
        {
            return new(eventId, source, position, type, null, payload, ex.Message);
        }
    }
}

/// <summary>The one way events get into a consuming module, for live deliveries, catch-up, rebuilds and
/// parked retries alike: each event not yet in the inbox is applied once, with its inbox row, in one
/// transaction (the caller's, when one is open). When a batch fails, each event is applied alone behind a
/// savepoint and one that still fails is parked with its reason, so nothing loops and nothing behind it
/// waits. Callers that share a database hold the module's <see cref="ConsumerGate{TContext}"/>.</summary>
public sealed class EventIntake<TContext>(TContext db, IEventApplier<TContext> applier, TimeProvider time)
    where TContext : ModuleDbContext
{
    public TContext Db => db;

    public IEventApplier<TContext> Applier => applier;

    /// <summary>Applies <paramref name="deliveries"/> under inbox name <paramref name="inbox"/>;
    /// <paramref name="alsoInTransaction"/> runs in the same transaction (a checkpoint, say).</summary>
    public async Task<IntakeResult> ApplyAsync(string inbox, IReadOnlyList<Delivery> deliveries,
        Func<CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null;
        await using var owned = own ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = db.Database.CurrentTransaction!;
        IntakeResult result;
        await transaction.CreateSavepointAsync("intake", cancellationToken);
        try
        {
            result = await ApplyAllAsync(inbox, deliveries, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Something in the batch is poison: find it, alone, and keep the rest.
            await transaction.RollbackToSavepointAsync("intake", cancellationToken);
            db.ChangeTracker.Clear();
            result = await ApplyEachAsync(inbox, deliveries, cancellationToken);
        }

        await transaction.ReleaseSavepointAsync("intake", cancellationToken);
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        Count(inbox, deliveries.Count, result);
        return result;
    }

    private Task<bool> AppliedBeforeAsync(string inbox, Guid eventId, CancellationToken cancellationToken) =>
        db.Set<InboxMessage>().AnyAsync(i => i.Consumer == inbox && i.MessageId == eventId, cancellationToken);

    private async Task<IntakeResult> ApplyAllAsync(string inbox, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        using var remember = new InboxInsert(db, inbox, time.GetUtcNow());
        var result = new IntakeResult();
        foreach (var delivery in deliveries)
        {
            if (delivery.Event is null)
            {
                if (!await AppliedBeforeAsync(inbox, delivery.EventId, cancellationToken))
                {
                    await ParkAsync(inbox, delivery, delivery.Problem ?? "unreadable", cancellationToken);
                    result.Parked++;
                }

                continue;
            }

            // The inbox row first: an insert that finds the row already there says "seen" in one statement.
            if (remember.TryAdd(delivery.EventId))
            {
                await applier.ApplyAsync(delivery.Event, cancellationToken);
                result.Applied.Add(delivery);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private async Task<IntakeResult> ApplyEachAsync(string inbox, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction!;
        using var remember = new InboxInsert(db, inbox, time.GetUtcNow());
        var result = new IntakeResult();
        foreach (var delivery in deliveries)
        {
            await transaction.CreateSavepointAsync("one", cancellationToken);
            try
            {
                if (delivery.Event is null)
                {
                    if (await AppliedBeforeAsync(inbox, delivery.EventId, cancellationToken))
                    {
                        continue; // a broken copy of an event applied already: nothing to park
                    }

                    throw new InvalidOperationException(delivery.Problem ?? "unreadable");
                }

                if (remember.TryAdd(delivery.EventId))
                {
                    await applier.ApplyAsync(delivery.Event, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    result.Applied.Add(delivery);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await transaction.RollbackToSavepointAsync("one", cancellationToken);
                db.ChangeTracker.Clear();
                await ParkAsync(inbox, delivery, ex.GetType().Name + ": " + ex.Message, cancellationToken);
                result.Parked++;
            }
            finally
            {
                await transaction.ReleaseSavepointAsync("one", CancellationToken.None);
            }
        }

        return result;
    }

    private Task ParkAsync(string inbox, Delivery delivery, string reason, CancellationToken cancellationToken)
    {
        var payload = delivery.Payload ?? (delivery.Event is { } evt ? EventTypeRegistry.Serialize(evt) : string.Empty);
        return Parking.ParkAsync(db, inbox, delivery.EventId, delivery.Source, delivery.Position, delivery.Type, payload, reason, time.GetUtcNow(), cancellationToken);
    }

    private void Count(string inbox, int delivered, IntakeResult result)
    {
        var now = time.GetUtcNow();
        foreach (var applied in result.Applied)
        {
            RedCrossMetrics.EventConsumed(inbox, now - applied.Event!.OccurredAt);
        }

        for (var i = result.Applied.Count + result.Parked; i < delivered; i++)
        {
            RedCrossMetrics.DuplicateSkipped(inbox);
        }

        if (result.Parked > 0)
        {
            RedCrossMetrics.EventsParked(inbox, result.Parked);
        }
    }
}

/// <summary>What one intake did.</summary>
public sealed class IntakeResult
{
    public List<Delivery> Applied { get; } = [];

    public int Parked { get; set; }
}

/// <summary>Inbox rows through one prepared insert in the intake's transaction (a batch writes many). The
/// insert is also the "seen before?" check: a row already there is ignored and reported as such.</summary>
internal sealed class InboxInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter id;

    internal const string Sql = "INSERT OR IGNORE INTO inbox (MessageId, Consumer, ProcessedAt) VALUES ($id, $consumer, $at)";

    public InboxInsert(ModuleDbContext db, string consumer, DateTimeOffset processedAt)
    {
        command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = Sql;
        id = command.Parameters.Add("$id", SqliteType.Text);
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$at", SqliteFormat.Instant(processedAt));
        command.Prepare();
    }

    /// <summary>True when the row is new, false when the message was applied before.</summary>
    public bool TryAdd(Guid messageId)
    {
        id.Value = SqliteFormat.Guid(messageId);
        return command.ExecuteNonQuery() == 1;
    }

    public void Dispose() => command.Dispose();
}

/// <summary>The text formats EF Core's SQLite provider stores, for hand-written statements that must
/// write the same values (a test compares them with EF's own).</summary>
public static class SqliteFormat
{
    public static string Guid(Guid id) => id.ToString().ToUpperInvariant();

    public static string Instant(DateTimeOffset at) =>
        at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
}
