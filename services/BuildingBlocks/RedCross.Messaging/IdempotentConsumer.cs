using MassTransit;
using Microsoft.EntityFrameworkCore;
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

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        await using var gate = await EnterAsync(context.CancellationToken);
        if (await ApplyOnceAsync(Db, messageId, ConsumerName, context.Message, context.CancellationToken))
        {
            RedCrossMetrics.EventConsumed(ConsumerName, DateTimeOffset.UtcNow - context.Message.OccurredAt);
        }
        else
        {
            RedCrossMetrics.DuplicateSkipped(ConsumerName);
        }
    }

    /// <summary>The effect, written to <paramref name="db"/> without saving: the caller saves and commits.</summary>
    protected abstract Task ApplyAsync(TMessage message, CancellationToken cancellationToken);

    /// <summary>Held around the whole consume; a module overrides it to exclude, say, a rebuild.</summary>
    protected virtual ValueTask<IAsyncDisposable?> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IAsyncDisposable?>(null);

    private async Task<bool> ApplyOnceAsync(TContext context, Guid messageId, string consumer, TMessage message, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await context.Set<InboxMessage>().AnyAsync(i => i.MessageId == messageId && i.Consumer == consumer, cancellationToken))
        {
            return false;
        }

        await ApplyAsync(message, cancellationToken);
        context.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
