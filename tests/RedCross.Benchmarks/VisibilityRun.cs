using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using HdrHistogram;
using RedCross.Contracts.Reporting.V1;

namespace RedCross.Benchmarks;

/// <summary>Write-to-report latency: writes paced at a fixed total rate (open loop: a slow call does not delay the next
/// one), taken by the sources in turn. Every <see cref="Track"/>th write of a source is tracked: it goes to a
/// (commune, month) cell of its own in turn, so it is visible when its source's indicator in that cell reaches the
/// number of tracked writes sent there; the others go to 2000, never polled, and cost the same. A poller asks
/// GetIndicators for every tracked write not yet seen, at most once per cycle of ≥ 20 ms (the resolution), and
/// records the time from the write's OK to the first answer that shows it. Polling every write instead makes the
/// poller's own load the thing measured.</summary>
internal sealed class VisibilityRun(IReadOnlyList<VisibilityRun.Source> sources, Contracts.Reporting.V1.Reporting.ReportingClient reports, int defaultRate)
{
    /// <summary>A kind of write: <c>Write(k, unit, day)</c> makes the source's k-th write, counted by reporting under
    /// <paramref name="Indicator"/> in <c>unit</c> on <c>day</c>.</summary>
    public sealed record Source(string Name, string Indicator, Func<int, string, DateOnly, Task> Write);

    public const int WarmUp = 100;
    public static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];
    private static readonly TimeSpan Cycle = TimeSpan.FromMilliseconds(20);
    private static readonly int Track = Setting("RC_BENCH_TRACK", 4);
    // 8 communes x months 2001-01 .. 2025-12 (awards take no year before 2000, and no date is in the future).
    private static readonly (string Unit, DateOnly Month)[] Cells =
        [.. from month in Enumerable.Range(0, 25 * 12) from unit in Communes select (unit, new DateOnly(2001, 1, 15).AddMonths(month))];

    /// <summary>Raised as the measured writes start, and once the last of them is answered.</summary>
    public event Action? Sending, Sent;

    public int Rate { get; } = Setting("RC_BENCH_RATE", defaultRate);

    public TimeSpan Duration { get; } = TimeSpan.FromSeconds(Setting("RC_BENCH_SECONDS", 60));

    /// <summary>Writes each source makes in the measured run; its writes k ≥ this are the warm-up's.</summary>
    public int PerSource => (int)(Rate * Duration.TotalSeconds) / sources.Count;

    /// <summary>Where a source's k-th write goes, and the count its cell shows once it is visible (null: not tracked).</summary>
    public (string Unit, DateOnly Day, long? Expected) Plan(int k)
    {
        if (k < PerSource && k % Track == 0)
        {
            var n = k / Track;
            var (unit, month) = Cells[n % Cells.Length];
            return (unit, month, (n / Cells.Length) + 1);
        }

        return (Communes[k % Communes.Length], new DateOnly(2000, 1 + (k % 12), 15), null);
    }

    /// <summary>Runs the warm-up (JIT, pools, SQLite pages; into 2000) and the measured run; prints the table.</summary>
    public async Task RunAsync(string title)
    {
        await Task.WhenAll(sources.Select(s => Task.WhenAll(Enumerable.Range(PerSource, WarmUp).Select(k => { var (u, d, _) = Plan(k); return s.Write(k, u, d); }))));

        var visible = sources.ToDictionary(s => s, _ => new LongConcurrentHistogram(1, TimeStamp.Seconds(120), 3));
        var written = sources.ToDictionary(s => s, _ => new LongConcurrentHistogram(1, TimeStamp.Seconds(120), 3));
        var pending = new ConcurrentDictionary<(Source, int), (string Unit, string Period, long Expected, long OkAt)>();
        var total = PerSource * sources.Count;
        var failed = 0;
        var polls = 0L;
        var sending = true;
        var givenUp = false;
        var poller = Task.Run(async () =>
        {
            while ((sending || !pending.IsEmpty) && !givenUp)
            {
                var cycle = Stopwatch.StartNew();
                await Parallel.ForEachAsync(pending.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, ct) =>
                {
                    var set = await reports.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = entry.Value.Unit, Period = entry.Value.Period }, cancellationToken: ct);
                    var seenAt = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref polls);
                    var source = entry.Key.Item1;
                    if (set.Indicators.FirstOrDefault(i => i.Code == source.Indicator)?.Value >= entry.Value.Expected && pending.TryRemove(entry.Key, out _))
                    {
                        visible[source].RecordValue(seenAt - entry.Value.OkAt);
                    }
                });
                if (cycle.Elapsed < Cycle)
                {
                    await Task.Delay(Cycle - cycle.Elapsed); // pacing of the poller, not synchronisation
                }
            }
        });

        Sending?.Invoke();
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

            var (source, k) = (sources[i % sources.Count], i / sources.Count);
            var (unit, day, expected) = Plan(k);
            calls.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await source.Write(k, unit, day);
                }
                catch (RpcException e)
                {
                    if (Interlocked.Increment(ref failed) == 1)
                    {
                        Console.Error.WriteLine($"  first failed write ({source.Name}): {e.Status}");
                    }

                    return;
                }

                var ok = Stopwatch.GetTimestamp();
                written[source].RecordValue(ok - sent);
                if (expected is { } count)
                {
                    pending[(source, k)] = (unit, day.ToString("yyyy-MM", CultureInfo.InvariantCulture), count, ok);
                }
            }));
        }

        await Task.WhenAll(calls);
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Sent?.Invoke();
        sending = false;
        // A write still unseen a minute after the last OK is reported as such, not waited for.
        givenUp = await Task.WhenAny(poller, Task.Delay(TimeSpan.FromSeconds(60))) != poller;
        await poller;
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

        double Ms(HistogramBase h, double p) => h.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        void Row(string what, HistogramBase h) => Measure.Row(what, h.TotalCount, Ms(h, 50), Ms(h, 95), Ms(h, 99), Ms(h, 100));
        HistogramBase All(Dictionary<Source, LongConcurrentHistogram> each)
        {
            var all = new LongHistogram(TimeStamp.Seconds(120), 3);
            foreach (var h in each.Values)
            {
                all.Add(h);
            }

            return all;
        }

        Console.WriteLine();
        Console.WriteLine($"| {title}: {Rate} writes/s for {Duration.TotalSeconds:F0} s ({total - failed:N0} OK, {failed} failed, sent in {sendSeconds:F1} s, every {Track}th tracked, {pending.Count} of them not seen within 60 s of the last OK; poll cycle ≥ {Cycle.TotalMilliseconds:F0} ms, {polls / elapsed:F0} polls/s) | n | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var source in sources)
        {
            Row($"write: {source.Name} call to OK", written[source]);
        }

        foreach (var source in sources.Where(_ => sources.Count > 1))
        {
            Row($"visible: {source.Name}, OK to its count in GetIndicators", visible[source]);
        }

        Row("visible: every tracked write, OK to its count in GetIndicators", All(visible));
    }

    private static int Setting(string name, int fallback) =>
        int.Parse(Environment.GetEnvironmentVariable(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
