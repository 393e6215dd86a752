using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RedCross.Contracts.Common.V1;
using RedCross.Messaging.Tests.Events;
using Xunit;

namespace RedCross.Messaging.Tests;

/// <summary>A source's log in memory: positions as given (gaps allowed, as rolled-back writes leave them).</summary>
public sealed class ListLog : IEventLogReader
{
    public List<EventEnvelope> Events { get; } = [];

    public int Reads { get; private set; }

    public EventEnvelope Append(long position, SomethingHappened evt)
    {
        var envelope = new EventEnvelope
        {
            Position = position,
            EventId = evt.EventId.ToString(),
            EventType = nameof(SomethingHappened),
            OccurredAt = Timestamp.FromDateTimeOffset(evt.OccurredAt),
            PayloadJson = EventTypeRegistry.Serialize(evt),
        };
        Events.Add(envelope);
        return envelope;
    }

    public async IAsyncEnumerable<EventEnvelope> ReadAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Reads++;
        foreach (var envelope in Events.Where(e => e.Position > afterPosition).ToList())
        {
            await Task.Yield();
            yield return envelope;
        }
    }

    public Task<EventLogDescription> DescribeAsync(long afterPosition, CancellationToken cancellationToken) => Task.FromResult(new EventLogDescription
    {
        HeadPosition = Events.Count == 0 ? 0 : Events.Max(e => e.Position),
        NextOccurredAt = Events.FirstOrDefault(e => e.Position > afterPosition)?.OccurredAt,
    });
}

public sealed class CatchUpTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly ListLog log = new();
    private readonly ServiceProvider services;

    public CatchUpTests()
    {
        var collection = new ServiceCollection();
        collection.AddScoped(_ => database.NewContext());
        collection.AddScoped<IEventApplier<TestDb>, NoteApplier>(sp => new NoteApplier(sp.GetRequiredService<TestDb>()));
        collection.AddScoped<EventIntake<TestDb>>();
        collection.AddScoped<EventCatchUp<TestDb>>();
        collection.AddSingleton(new EventSubscription<TestDb>("test", [new EventSource("source", [typeof(SomethingHappened)], _ => log)]));
        collection.AddSingleton<ConsumerGate<TestDb>>();
        collection.AddSingleton<CatchUpState<TestDb>>();
        collection.AddSingleton(new EventTypeRegistry([new EventTypeRegistration([typeof(SomethingHappened)])]));
        collection.AddSingleton(Options.Create(new CatchUpOptions { BatchSize = 3 }));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services = collection.BuildServiceProvider();
    }

    public void Dispose()
    {
        services.Dispose();
        database.Dispose();
    }

    private async Task<CatchUpResult> Run(Func<EventCatchUp<TestDb>, Task<CatchUpResult>> run)
    {
        await using var scope = services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<EventCatchUp<TestDb>>());
    }

    private Task<CatchUpResult> CatchUp() => Run(c => c.RunAsync(null, CancellationToken.None));

    private async Task<List<string>> Notes()
    {
        await using var db = database.NewContext();
        return await db.Effects.OrderBy(e => e.Note).Select(e => e.Note).ToListAsync();
    }

    [Fact]
    public async Task The_log_is_applied_from_the_checkpoint_across_gaps_and_what_came_live_is_skipped()
    {
        var live = SomethingHappened.New("b");
        log.Append(1, SomethingHappened.New("a"));
        log.Append(2, live);
        log.Append(5, SomethingHappened.New("c")); // 3 and 4 were rolled back at the source
        log.Append(6, SomethingHappened.New("d"));
        await using (var db = database.NewContext())
        {
            await new EventIntake<TestDb>(db, new NoteApplier(db), TimeProvider.System).ApplyAsync("test:source", [Delivery.Live(live.EventId, "source", live)], null, CancellationToken.None);
        }

        var first = await CatchUp();
        Assert.Equal((3L, 6L), (first.Applied, first.Positions["source"]));
        Assert.Equal(["a", "b", "c", "d"], await Notes());

        log.Append(9, SomethingHappened.New("e"));
        var second = await CatchUp();
        Assert.Equal((1L, 9L), (second.Applied, second.Positions["source"]));
        Assert.Equal(5, (await Notes()).Count);
        var standing = services.GetRequiredService<CatchUpState<TestDb>>().Of("source");
        Assert.Equal((9L, 9L, 0L), (standing.Checkpoint, standing.Head, standing.Behind));
    }

    [Fact]
    public async Task A_poison_event_in_the_log_is_parked_the_checkpoint_passes_it_and_the_rest_is_applied()
    {
        log.Append(1, SomethingHappened.New("a"));
        log.Append(2, SomethingHappened.New("poison-log"));
        log.Append(3, SomethingHappened.New("b"));
        log.Append(4, SomethingHappened.New("c"));

        var result = await CatchUp();
        Assert.Equal((3L, 4L), (result.Applied, result.Positions["source"]));
        Assert.Equal(["a", "b", "c"], await Notes());
        await using var db = database.NewContext();
        var parked = Assert.Single(await db.Set<ParkedEvent>().ToListAsync());
        Assert.Equal((2L, "source"), (parked.Position, parked.Source));
    }

    [Fact]
    public async Task Events_of_types_the_module_did_not_subscribe_to_are_passed_over_not_parked()
    {
        log.Append(1, SomethingHappened.New("a"));
        log.Events.Add(new EventEnvelope { Position = 2, EventId = Guid.CreateVersion7().ToString(), EventType = "SomeoneElsesEvent", PayloadJson = "{}", OccurredAt = log.Events[0].OccurredAt });
        log.Append(3, SomethingHappened.New("b"));
        log.Events.Add(new EventEnvelope { Position = 4, EventId = Guid.CreateVersion7().ToString(), EventType = "SomeoneElsesEvent", PayloadJson = "{}", OccurredAt = log.Events[0].OccurredAt });

        var result = await CatchUp();
        Assert.Equal((2L, 4L), (result.Applied, result.Positions["source"]));
        await using var db = database.NewContext();
        Assert.Empty(await db.Set<ParkedEvent>().ToListAsync());
        Assert.Equal(2, await db.Set<InboxMessage>().CountAsync());
    }

    [Fact]
    public async Task A_rebuild_replaces_the_effects_with_a_replay_of_the_whole_log()
    {
        for (var i = 1; i <= 7; i++)
        {
            log.Append(i, SomethingHappened.New("n" + i));
        }

        await CatchUp();
        await using (var db = database.NewContext())
        {
            db.Effects.Add(new Effect { Note = "stray" }); // not from the log: a rebuild drops it
            await db.SaveChangesAsync();
        }

        var rebuilt = await Run(c => c.RebuildAsync("source", CancellationToken.None));
        Assert.Equal((7L, 7L), (rebuilt.Applied, rebuilt.Positions["source"]));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => "n" + i).Order(StringComparer.Ordinal), await Notes());
        Assert.Equal(0, (await CatchUp()).Applied);
    }
}
