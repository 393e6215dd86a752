using MassTransit;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using RedCross.Messaging.Tests.Events;
using Xunit;

namespace RedCross.Messaging.Tests;

public sealed class InboxTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    private sealed class NoteConsumer(TestDb db, bool fail = false) : IdempotentConsumer<TestDb, SomethingHappened>(db)
    {
        protected override Task ApplyAsync(SomethingHappened message, CancellationToken cancellationToken)
        {
            Db.Effects.Add(new Effect { Note = message.Note });
            return fail ? throw new InvalidOperationException("handler failed after writing") : Task.CompletedTask;
        }
    }

    private static ConsumeContext<SomethingHappened> Delivery(SomethingHappened message, Guid? messageId = null)
    {
        var context = Substitute.For<ConsumeContext<SomethingHappened>>();
        context.Message.Returns(message);
        context.MessageId.Returns(messageId ?? message.EventId);
        context.CancellationToken.Returns(CancellationToken.None);
        return context;
    }

    private async Task<int> EffectCount()
    {
        await using var db = database.NewContext();
        return await db.Effects.CountAsync();
    }

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        var message = SomethingHappened.New("once");
        await new NoteConsumer(database.NewContext()).Consume(Delivery(message));
        await new NoteConsumer(database.NewContext()).Consume(Delivery(message));
        Assert.Equal(1, await EffectCount());
    }

    [Fact]
    public async Task Different_messages_are_each_applied()
    {
        await new NoteConsumer(database.NewContext()).Consume(Delivery(SomethingHappened.New("a")));
        await new NoteConsumer(database.NewContext()).Consume(Delivery(SomethingHappened.New("b")));
        Assert.Equal(2, await EffectCount());
    }

    [Fact]
    public async Task A_failing_handler_leaves_no_effect_and_no_inbox_row_so_the_retry_applies_it()
    {
        var message = SomethingHappened.New("retry me");
        await Assert.ThrowsAsync<InvalidOperationException>(() => new NoteConsumer(database.NewContext(), fail: true).Consume(Delivery(message)));
        Assert.Equal(0, await EffectCount());

        await new NoteConsumer(database.NewContext()).Consume(Delivery(message));
        Assert.Equal(1, await EffectCount());
    }

    [Fact]
    public async Task Concurrent_duplicates_are_applied_once()
    {
        var message = SomethingHappened.New("race");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new NoteConsumer(database.NewContext()).Consume(Delivery(message)))));
        Assert.Equal(1, await EffectCount());
    }
}
