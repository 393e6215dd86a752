using System.Collections.Concurrent;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;
using Xunit.Abstractions;

namespace RedCross.System.Tests.Faults;

/// <summary>RabbitMQ stopped for 20 seconds in the middle of 1,000 writes to all four sources, then started again:
/// the services go on acknowledging writes (into their outboxes) while it is away, and reporting ends with every
/// acknowledged write counted exactly once, per source. Counts in 2001.</summary>
[Collection(FaultsCollection.Name)]
public sealed class BrokerOutageTests(Platform platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    /// <summary>Writes per source: 250 registrations, 250 donations, 250 results, 125 nominations each approved.</summary>
    private static readonly Dictionary<string, int> Quota = new()
    {
        [Workload.Membership] = 250, [Workload.Relief] = 250, [Workload.Campaign] = 250, [Workload.Awards] = 125,
    };

    [Fact]
    public async Task Writes_go_on_while_the_broker_is_down_for_20_seconds_and_every_acknowledged_one_is_counted_once()
    {
        var workload = await Workload.PrepareAsync(platform, 2001);
        TaskCompletionSource stopping = new(), stopped = new(), starting = new();
        var acknowledgedWhileDown = new ConcurrentDictionary<string, int>(Workload.Sources.ToDictionary(s => s, _ => 0));

        // Each source's writes are numbered; the numbers pace them around the outage, so writes are in flight while the
        // broker goes down, many are made while it is down, and the last quarter after it is back, on any machine.
        var next = new ConcurrentDictionary<string, int>(Workload.Sources.ToDictionary(s => s, _ => 0));
        var writers = Workload.Sources.SelectMany(source => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (next.AddOrUpdate(source, 1, (_, n) => n + 1) is var k && k <= Quota[source])
            {
                var share = (double)k / Quota[source];
                await (share <= 0.25 ? Task.CompletedTask : share <= 0.35 ? stopping.Task : share <= 0.75 ? stopped.Task : starting.Task);
                var down = stopped.Task.IsCompleted && !starting.Task.IsCompleted;
                await workload.WriteAsync(source);
                if (down && !starting.Task.IsCompleted)
                {
                    acknowledgedWhileDown.AddOrUpdate(source, 1, (_, n) => n + 1);
                }
            }
        }))).ToList();

        Task<int> Progress() => writers.FirstOrDefault(w => w.IsFaulted) is { } failed
            ? Task.FromException<int>(failed.Exception!.InnerException!)
            : Task.FromResult(workload.AcknowledgedTotal);
        await Eventually.Until(Progress, n => n >= 200, TimeSpan.FromSeconds(120), "the first quarter of the writes");

        var unsentWhileDown = new Dictionary<string, long>();
        stopping.SetResult();
        await platform.Rabbit.StopAppAsync();
        try
        {
            stopped.SetResult();
            await Task.Delay(Outage); // the outage the issue prescribes, not a wait for something
            foreach (var source in Workload.Sources)
            {
                unsentWhileDown[source] = await workload.Unsent(source);
            }
        }
        finally
        {
            starting.TrySetResult();
            stopped.TrySetResult();
            await platform.Rabbit.StartAppAsync();
        }

        await Task.WhenAll(writers);

        // The fault was where it claims: each source acknowledged writes while the broker was down, without a single
        // refusal, and held committed events it could not publish.
        foreach (var source in Workload.Sources)
        {
            Assert.True(acknowledgedWhileDown[source] > 0, $"{source} acknowledged no write while the broker was down");
            Assert.True(unsentWhileDown[source] > 0, $"{source}'s outbox held nothing unpublished while the broker was down");
            Assert.Equal(0, workload.FailedAttempts(source));
        }

        output.WriteLine(string.Join(", ", Workload.Sources.Select(s => $"{s}: {acknowledgedWhileDown[s]} acknowledged while down, {unsentWhileDown[s]} unpublished")));
        Assert.Equal(1_000, Workload.Sources.Sum(s => workload.Acknowledged(s).Count * (s == Workload.Awards ? 2 : 1)));
        await workload.AssertReconciledAsync();
    }
}
