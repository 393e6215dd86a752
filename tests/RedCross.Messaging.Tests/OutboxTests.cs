using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ClearExtensions;
using NSubstitute.ExceptionExtensions;
using RedCross.Messaging.Tests.Events;
using Xunit;

namespace RedCross.Messaging.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly IBus bus = Substitute.For<IBus>();
    private readonly EventTypeRegistry registry = new([new EventTypeRegistration([typeof(SomethingHappened)])]);

    public void Dispose() => database.Dispose();

    private OutboxRelay<TestDb> Relay(double publishTimeoutSeconds = 5) => new(
        database.Services.GetRequiredService<IServiceScopeFactory>(), bus, registry,
        Options.Create(new RelayOptions { PublishTimeout = TimeSpan.FromSeconds(publishTimeoutSeconds) }), TimeProvider.System,
        NullLogger<OutboxRelay<TestDb>>.Instance);

    private async Task<SomethingHappened> Write(string note)
    {
        await using var db = database.NewContext();
        var evt = SomethingHappened.New(note);
        db.Effects.Add(new Effect { Note = note });
        db.AddEvent(evt);
        await db.SaveChangesAsync();
        return evt;
    }

    private async Task<List<OutboxMessage>> Rows()
    {
        await using var db = database.NewContext();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(o => o.Position).ToListAsync();
    }

    [Fact]
    public async Task The_event_and_the_change_are_stored_together_and_positions_increase()
    {
        var first = await Write("a");
        var second = await Write("b");
        var rows = await Rows();
        Assert.Equal([first.EventId, second.EventId], rows.Select(r => r.Id));
        Assert.True(rows[1].Position > rows[0].Position);
        Assert.All(rows, r => Assert.Null(r.SentAt));
    }

    [Fact]
    public async Task A_failed_save_stores_neither_the_change_nor_the_event()
    {
        await using (var db = database.NewContext())
        {
            db.Effects.Add(new Effect { Id = 7, Note = "x" });
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            db.Effects.Add(new Effect { Id = 7, Note = "duplicate key" });
            db.AddEvent(SomethingHappened.New("lost with its change"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Empty(await Rows());
    }

    [Fact]
    public async Task The_relay_publishes_pending_rows_and_marks_them_sent()
    {
        var evt = await Write("a");
        Assert.Equal(1, await Relay().PublishBatchAsync(CancellationToken.None));

        await bus.Received(1).Publish(Arg.Is<object>(o => o.Equals(evt)), typeof(SomethingHappened), Arg.Any<IPipe<PublishContext>>(), Arg.Any<CancellationToken>());
        Assert.NotNull((await Rows()).Single().SentAt);
        Assert.Equal(0, await Relay().PublishBatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_publish_failure_is_retried_later_and_nothing_is_lost()
    {
        await Write("a");
        bus.Publish(Arg.Any<object>(), Arg.Any<Type>(), Arg.Any<IPipe<PublishContext>>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("broker down"));

        await Relay().PublishBatchAsync(CancellationToken.None);

        var row = (await Rows()).Single();
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.False(row.Dead);
        Assert.True(row.NextAttemptAt > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Contains("broker down", row.LastError, StringComparison.Ordinal);
        // Backing off: not due again yet.
        Assert.Equal(0, await Relay().PublishBatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_publish_that_ignores_its_timeout_does_not_stop_the_relay()
    {
        await Write("a");
        var wedged = new TaskCompletionSource();
        bus.Publish(Arg.Any<object>(), Arg.Any<Type>(), Arg.Any<IPipe<PublishContext>>(), Arg.Any<CancellationToken>()).Returns(wedged.Task);

        // Returns although the publish never does; the row stays as it was, due again at once.
        Assert.Equal(1, await Relay(publishTimeoutSeconds: 0.1).PublishBatchAsync(CancellationToken.None));
        var row = (await Rows()).Single();
        Assert.Equal((0, null, null), (row.Attempts, row.SentAt, row.NextAttemptAt));

        bus.ClearSubstitute();
        Assert.Equal(1, await Relay().PublishBatchAsync(CancellationToken.None));
        Assert.NotNull((await Rows()).Single().SentAt);
        wedged.SetResult();
    }

    [Theory]
    [InlineData("closed channel")]
    [InlineData("timeout")]
    public async Task A_broker_that_is_away_never_gets_a_row_flagged_however_many_attempts(string failure)
    {
        await Write("a");
        Exception error = failure == "timeout" ? new TimeoutException("broker slow") : new InvalidOperationException("The channel is closed");
        bus.Publish(Arg.Any<object>(), Arg.Any<Type>(), Arg.Any<IPipe<PublishContext>>(), Arg.Any<CancellationToken>()).ThrowsAsync(error);
        for (var attempt = 0; attempt < 1001; attempt++)
        {
            await using var db = database.NewContext();
            await db.Set<OutboxMessage>().ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, (long?)null)); // due again at once (the old relay gave up after 1,000)
            await Relay().PublishBatchAsync(CancellationToken.None);
        }

        var row = (await Rows()).Single();
        Assert.Equal((1001, false, null), (row.Attempts, row.Dead, row.SentAt));

        bus.ClearSubstitute();
        await using (var db = database.NewContext())
        {
            await db.Set<OutboxMessage>().ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, (long?)null));
        }

        await Relay().PublishBatchAsync(CancellationToken.None);
        Assert.NotNull((await Rows()).Single().SentAt);
    }

    [Fact]
    public async Task The_outbox_status_counts_pending_and_flagged_rows_and_the_oldest_age()
    {
        await Write("a");
        await using (var db = database.NewContext())
        {
            db.AddEvent(new NobodyRegisteredMe(Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddMinutes(-5), "058"));
            await db.SaveChangesAsync();
        }

        await Relay().PublishBatchAsync(CancellationToken.None); // "a" is sent, the unregistered one flagged
        await Write("b");
        await using var reader = database.NewContext();
        var status = await OutboxStatus.ReadAsync(reader, DateTimeOffset.UtcNow.AddSeconds(30), CancellationToken.None);
        Assert.Equal((3L, 1L, 1L), (status.Head, status.Pending, status.Flagged));
        Assert.InRange(status.OldestPendingAgeSeconds, 29, 60);
    }

    [Fact]
    public async Task A_row_of_an_unregistered_type_is_flagged_dead_not_retried_forever()
    {
        await using (var db = database.NewContext())
        {
            db.AddEvent(new NobodyRegisteredMe(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "058"));
            await db.SaveChangesAsync();
        }

        await Relay().PublishBatchAsync(CancellationToken.None);
        Assert.True((await Rows()).Single().Dead);
    }

    [Fact]
    public async Task The_event_log_reads_from_a_position_in_pages()
    {
        for (var i = 0; i < 2500; i++)
        {
            await using var db = database.NewContext();
            db.AddEvent(SomethingHappened.New(i.ToString()));
            await db.SaveChangesAsync();
        }

        await using var reader = database.NewContext();
        var all = await EventLog.ReadAsync(reader, 0, 0, CancellationToken.None).ToListAsync();
        Assert.Equal(2500, all.Count);
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        var tail = await EventLog.ReadAsync(reader, all[2000].Position, 10, CancellationToken.None).ToListAsync();
        Assert.Equal(all.Skip(2001).Take(10).Select(e => e.EventId), tail.Select(e => e.EventId));
        var replayed = (SomethingHappened)registry.Deserialize(tail[0].EventType, tail[0].PayloadJson);
        Assert.Equal("2001", replayed.Note);
    }

    [Fact]
    public async Task Bulk_written_rows_are_the_same_rows_the_change_tracker_writes()
    {
        var evt = SomethingHappened.New("bulk");
        await using (var db = database.NewContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            using (var writer = new OutboxBulkWriter((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), (Microsoft.Data.Sqlite.SqliteTransaction)tx.GetDbTransaction()))
            {
                writer.Add(evt);
            }

            await tx.CommitAsync();
        }

        var row = (await Rows()).Single();
        Assert.Equal((evt.EventId, nameof(SomethingHappened)), (row.Id, row.Type));
        Assert.Equal(evt.OccurredAt, row.OccurredAt);
        Assert.Equal(evt, registry.Deserialize(row.Type, row.Payload));
    }

    [Fact]
    public void The_registry_refuses_unknown_names() =>
        Assert.Throws<InvalidOperationException>(() => registry.Resolve(nameof(NobodyRegisteredMe)));
}
