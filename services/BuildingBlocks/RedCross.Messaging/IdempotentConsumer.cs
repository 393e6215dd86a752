using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Contracts.Events;
using RedCross.ServiceDefaults;

namespace RedCross.Messaging;

/// <summary>Applies a message at most once per consumer: the inbox check, the effect and the inbox row
/// share one IMMEDIATE SQLite transaction, so a redelivery (or a concurrent duplicate) is skipped and
/// a crash before commit leaves nothing behind for the broker's redelivery to double.</summary>
public abstract class IdempotentConsumer<TContext, TMessage>(TContext db) : IConsumer<TMessage>
    where TContext : ModuleDbContext
    where TMessage : class, IIntegrationEvent
{
    /// <summary>The module's database; effects are added here and saved by the base class.</summary>
    protected TContext Db { get; } = db;

    /// <summary>Name under which the inbox remembers this consumer's messages.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.ApplyOnceAsync(Db, ConsumerName, [(context.MessageId ?? context.Message.EventId, context.Message)], ApplyAsync, context.CancellationToken);

    /// <summary>The effect, written to <see cref="Db"/> without saving: the caller saves and commits.</summary>
    protected abstract Task ApplyAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>The same guarantee for a batch of messages of one type: one transaction, one inbox query and one
/// commit for the whole batch, which is what lets a SQLite projection keep up with the broker.</summary>
public abstract class IdempotentBatchConsumer<TContext, TMessage>(TContext db) : IConsumer<Batch<TMessage>>
    where TContext : ModuleDbContext
    where TMessage : class, IIntegrationEvent
{
    protected TContext Db { get; } = db;

    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        await using var gate = await EnterAsync(context.CancellationToken);
        await Inbox.ApplyOnceAsync(Db, ConsumerName, context.Message.Select(m => (m.MessageId ?? m.Message.EventId, m.Message)).ToList(), ApplyAsync, context.CancellationToken);
    }

    protected abstract Task ApplyAsync(TMessage message, CancellationToken cancellationToken);

    /// <summary>Held around the whole batch; a module overrides it to exclude, say, a rebuild.</summary>
    protected virtual ValueTask<IAsyncDisposable?> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IAsyncDisposable?>(null);
}

/// <summary>The inbox logic both consumer kinds share.</summary>
internal static class Inbox
{
    public static async Task ApplyOnceAsync<TMessage>(
        ModuleDbContext db, string consumer, IReadOnlyList<(Guid Id, TMessage Message)> deliveries,
        Func<TMessage, CancellationToken, Task> apply, CancellationToken cancellationToken)
        where TMessage : IIntegrationEvent
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).Distinct().ToList();
        var seen = (await db.Set<InboxMessage>().Where(i => i.Consumer == consumer && ids.Contains(i.MessageId))
            .Select(i => i.MessageId).ToListAsync(cancellationToken)).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        var applied = new List<TMessage>(deliveries.Count);
        using var remember = new InboxInsert(db, consumer, now);
        foreach (var (id, message) in deliveries)
        {
            if (!seen.Add(id))
            {
                continue; // seen before, or twice in this batch
            }

            await apply(message, cancellationToken);
            remember.Add(id);
            applied.Add(message);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var message in applied)
        {
            RedCrossMetrics.EventConsumed(consumer, now - message.OccurredAt);
        }

        for (var i = applied.Count; i < deliveries.Count; i++)
        {
            RedCrossMetrics.DuplicateSkipped(consumer);
        }
    }
}

/// <summary>Inbox rows through one prepared insert in the consumer's transaction (a batch writes many).</summary>
internal sealed class InboxInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter id;

    public InboxInsert(ModuleDbContext db, string consumer, DateTimeOffset processedAt)
    {
        command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = "INSERT INTO inbox (MessageId, Consumer, ProcessedAt) VALUES ($id, $consumer, $at)";
        id = command.Parameters.Add("$id", SqliteType.Text);
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$at", processedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
        command.Prepare();
    }

    public void Add(Guid messageId)
    {
        id.Value = messageId.ToString().ToUpperInvariant();
        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}
