using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Messaging.Tests.Events;
using Xunit;

namespace RedCross.Messaging.Tests;

/// <summary>Writes a note per event; refuses notes that start with "poison" unless <paramref name="cured"/>.</summary>
public sealed class NoteApplier(TestDb db, bool cured = false) : IEventApplier<TestDb>
{
    public Task ApplyAsync(IIntegrationEvent evt, CancellationToken cancellationToken)
    {
        var note = ((SomethingHappened)evt).Note;
        if (note.StartsWith("poison", StringComparison.Ordinal) && !cured)
        {
            throw new InvalidOperationException("cannot apply " + note);
        }

        db.Effects.Add(new Effect { Note = note });
        return Task.CompletedTask;
    }

    public Task ClearAsync(string source, CancellationToken cancellationToken) => db.Effects.ExecuteDeleteAsync(cancellationToken);

    public void Dispose()
    {
    }
}

public sealed class IntakeTests : IDisposable
{
    private const string Inbox = "test:source";
    private readonly TestDatabase database = new();
    private readonly EventTypeRegistry registry = new([new EventTypeRegistration([typeof(SomethingHappened)])]);

    public void Dispose() => database.Dispose();

    private Task<IntakeResult> Apply(params Delivery[] deliveries) => Apply(null, deliveries);

    private Task<IntakeResult> Apply(Func<TestDb, CancellationToken, Task>? alsoInTransaction, params Delivery[] deliveries) => Apply(false, alsoInTransaction, deliveries);

    private async Task<IntakeResult> Apply(bool cured, Func<TestDb, CancellationToken, Task>? alsoInTransaction, params Delivery[] deliveries)
    {
        await using var db = database.NewContext();
        using var applier = new NoteApplier(db, cured);
        return await new EventIntake<TestDb>(db, applier, TimeProvider.System)
            .ApplyAsync(Inbox, deliveries, alsoInTransaction is null ? null : ct => alsoInTransaction(db, ct), CancellationToken.None);
    }

    private static Delivery Live(SomethingHappened evt) => Delivery.Live(evt.EventId, "source", evt);

    private async Task<T> Read<T>(Func<TestDb, Task<T>> read)
    {
        await using var db = database.NewContext();
        return await read(db);
    }

    private Task<List<string>> Notes() => Read(db => db.Effects.OrderBy(e => e.Id).Select(e => e.Note).ToListAsync());

    private Task<List<ParkedEvent>> Parked() => Read(db => db.Set<ParkedEvent>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        var evt = SomethingHappened.New("once");
        await Apply(Live(evt));
        var second = await Apply(Live(evt), Live(evt));
        Assert.Empty(second.Applied);
        Assert.Equal(["once"], await Notes());
    }

    [Fact]
    public async Task Concurrent_duplicates_are_applied_once()
    {
        var evt = SomethingHappened.New("race");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Apply(Live(evt)))));
        Assert.Equal(["race"], await Notes());
    }

    [Fact]
    public async Task A_poison_event_is_parked_alone_and_the_rest_of_its_batch_is_applied()
    {
        var poison = SomethingHappened.New("poison-1");
        var result = await Apply(Live(SomethingHappened.New("a")), Live(poison), Live(SomethingHappened.New("b")));

        Assert.Equal(1, result.Parked);
        Assert.Equal(["a", "b"], await Notes());
        var parked = Assert.Single(await Parked());
        Assert.Equal((poison.EventId, nameof(SomethingHappened)), (parked.EventId, parked.Type));
        Assert.Contains("cannot apply poison-1", parked.Reason, StringComparison.Ordinal);
        // No inbox row for the parked event, so it can still be applied later.
        Assert.False(await Read(db => db.Set<InboxMessage>().AnyAsync(i => i.MessageId == poison.EventId)));
    }

    [Fact]
    public async Task An_unreadable_event_is_parked_with_its_problem()
    {
        var broken = Delivery.Stored(Guid.CreateVersion7(), "source", 7, nameof(SomethingHappened), "{not json", registry);
        var unknown = Delivery.Stored(Guid.CreateVersion7(), "source", 8, "NoSuchEvent", "{}", registry);
        var result = await Apply(broken, unknown, Live(SomethingHappened.New("fine")));

        Assert.Equal(2, result.Parked);
        Assert.Equal(["fine"], await Notes());
        var parked = (await Parked()).OrderBy(p => p.Position).ToList();
        Assert.Equal([7L, 8L], parked.Select(p => p.Position));
        Assert.Contains("not registered", parked[1].Reason, StringComparison.Ordinal);
        Assert.Equal("{not json", parked[0].Payload);
    }

    [Fact]
    public async Task A_parked_event_is_applied_once_its_cause_is_gone_and_then_forgotten()
    {
        var poison = SomethingHappened.New("poison-2");
        await Apply(Live(poison));
        await Apply(Live(poison));
        Assert.Equal(2, Assert.Single(await Parked()).Attempts);

        var stored = Assert.Single(await Parked());
        var retry = Delivery.Stored(stored.EventId, stored.Source, stored.Position, stored.Type, stored.Payload, registry);
        await Apply(cured: true, (db, ct) => Parking.ForgetAppliedAsync(db, Inbox, ct), retry);

        Assert.Equal(["poison-2"], await Notes());
        Assert.Empty(await Parked());
    }

    [Fact]
    public async Task The_checkpoint_commits_with_the_effects_and_only_moves_forward()
    {
        await Apply((db, ct) => Parking.SaveCheckpointAsync(db, Inbox, "source", 10, ct), Live(SomethingHappened.New("x")));
        await Apply((db, ct) => Parking.SaveCheckpointAsync(db, Inbox, "source", 5, ct), Live(SomethingHappened.New("y")));
        Assert.Equal(10, await Read(db => Parking.CheckpointAsync(db, Inbox, "source", CancellationToken.None)));

        // A failure in the same transaction takes the effect and the checkpoint with it.
        await Assert.ThrowsAsync<TimeoutException>(() => Apply((_, _) => throw new TimeoutException("crash before commit"), Live(SomethingHappened.New("z"))));
        Assert.Equal(["x", "y"], await Notes());
    }
}
