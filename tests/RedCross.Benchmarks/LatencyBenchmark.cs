using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using HdrHistogram;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>Write-to-report latency in the monolith (in-memory bus, catch-up timer at its default): RegisterMember
/// paced at a fixed rate (open loop: a slow call does not delay the next one). Every 4th write (RC_BENCH_TRACK) is
/// tracked: it goes to a (commune, month) cell of its own in turn, so it is visible when its cell's count reaches the
/// number of tracked writes sent to that cell; the others go to 1999, never polled, and cost the same. A poller asks
/// GetIndicators for every tracked write not yet seen, at most once per cycle of ≥ 20 ms (the resolution), and
/// records the time from the write's OK to the first answer that shows it. Polling every write instead makes the
/// poller's own load (one call per unseen write per cycle) the thing measured.</summary>
internal static class LatencyBenchmark
{
    private const string Indicator = "membership.members.new";
    private static readonly int Rate = int.Parse(Environment.GetEnvironmentVariable("RC_BENCH_RATE") ?? "100", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("RC_BENCH_SECONDS") ?? "60", CultureInfo.InvariantCulture));
    private static readonly int Track = int.Parse(Environment.GetEnvironmentVariable("RC_BENCH_TRACK") ?? "4", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Cycle = TimeSpan.FromMilliseconds(20);
    private static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"latency: monolith on CPU 0, RegisterMember at {Rate}/s for {Duration.TotalSeconds} s, poll cycle ≥ {Cycle.TotalMilliseconds} ms");
        await using var hosts = new Hosts();
        var (_, grpc) = await hosts.StartAsync("monolith", "services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host");
        var channel = Channels.Local(grpc, hosts.Tokens.ProvinceAdmin);
        var members = new Members.MembersClient(channel);
        var reports = new Contracts.Reporting.V1.Reporting.ReportingClient(channel);
        await WaitForUnitsAsync(reports);

        // Cells: 8 communes x months 2000-01 .. 2025-12; writes go round them in turn.
        var cells = (from month in Enumerable.Range(0, 26 * 12) from unit in Communes select (Unit: unit, Month: new DateOnly(2000, 1, 1).AddMonths(month))).ToArray();
        // Warm-up (JIT, pools) into 1999, a period never polled.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Register(members, Communes[i % Communes.Length], new DateOnly(1999, 1 + (i % 12), 1))));

        var visible = new LongConcurrentHistogram(1, TimeStamp.Seconds(120), 3);
        var write = new LongConcurrentHistogram(1, TimeStamp.Seconds(120), 3);
        var pending = new ConcurrentDictionary<int, (string Unit, string Period, long Expected, long OkAt)>();
        var total = (int)(Rate * Duration.TotalSeconds);
        var failed = 0;
        var polls = 0L;
        var sending = true;

        var poller = Task.Run(async () =>
        {
            while (sending || !pending.IsEmpty)
            {
                var cycle = Stopwatch.StartNew();
                await Parallel.ForEachAsync(pending.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, ct) =>
                {
                    var set = await reports.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = entry.Value.Unit, Period = entry.Value.Period }, cancellationToken: ct);
                    var seenAt = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref polls);
                    if (set.Indicators.FirstOrDefault(i => i.Code == Indicator)?.Value >= entry.Value.Expected && pending.TryRemove(entry.Key, out _))
                    {
                        visible.RecordValue(seenAt - entry.Value.OkAt);
                    }
                });
                if (cycle.Elapsed < Cycle)
                {
                    await Task.Delay(Cycle - cycle.Elapsed); // pacing of the poller, not synchronisation
                }
            }
        });

        var start = Stopwatch.GetTimestamp();
        var calls = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / Rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait); // open-loop pacing
            }

            var n = i / Track;
            var tracked = i % Track == 0;
            var (unit, month) = tracked ? cells[n % cells.Length] : (Communes[i % Communes.Length], new DateOnly(1999, 1 + (i % 12), 1));
            calls.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await Register(members, unit, month);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }

                var ok = Stopwatch.GetTimestamp();
                write.RecordValue(ok - sent);
                if (tracked)
                {
                    pending[n] = (unit, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), (n / cells.Length) + 1, ok);
                }
            }));
        }

        await Task.WhenAll(calls);
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        sending = false;
        var drain = poller.WaitAsync(TimeSpan.FromSeconds(60));
        await drain;
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

        double Ms(HistogramBase h, double p) => h.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine();
        Console.WriteLine($"| monolith on CPU 0, {Rate} RegisterMember/s for {Duration.TotalSeconds:F0} s ({total - failed:N0} OK, {failed} failed, sent in {sendSeconds:F1} s, every {Track}th tracked) | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Measure.Row("write: RegisterMember call to OK", Ms(write, 50), Ms(write, 95), Ms(write, 99), Ms(write, 100));
        Measure.Row($"write OK to its count in GetIndicators (unit, month); poll cycle ≥ {Cycle.TotalMilliseconds:F0} ms, {polls / elapsed:F0} polls/s", Ms(visible, 50), Ms(visible, 95), Ms(visible, 99), Ms(visible, 100));
    }

    private static Task Register(Members.MembersClient members, string unit, DateOnly month) =>
        members.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Lê Thị Mai", BirthDate = "1980-01-01", Sex = "female", OrgUnit = unit, JoinedDate = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }).ResponseAsync;

    /// <summary>Reporting learns the org tree from membership's events after start-up.</summary>
    private static async Task WaitForUnitsAsync(Contracts.Reporting.V1.Reporting.ReportingClient reports)
    {
        foreach (var unit in Communes)
        {
            await Eventually.Until(async () =>
            {
                try
                {
                    await reports.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = "2000" });
                    return true;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return false;
                }
            }, known => known, TimeSpan.FromSeconds(60), $"reporting to know {unit}");
        }
    }
}
