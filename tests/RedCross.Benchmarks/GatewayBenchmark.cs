using System.Diagnostics;
using HdrHistogram;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>A read (GetOrgUnit) and a write (RegisterMember) through the YARP gateway against the same call
/// straight to the service, at the same concurrency (one call at a time, then 32 in flight), alternating; throughput,
/// latency percentiles, the ratio gateway / direct (goal ≥ 0.5) and the p50 the gateway adds (goal &lt; 1 ms).</summary>
internal static class GatewayBenchmark
{
    private static readonly int[] Concurrencies = [1, 32];
    // RC_BENCH_SECONDS shortens a run to check the benchmark works; the figures in docs/benchmarks.md use 8 s.
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("RC_BENCH_SECONDS") ?? "8", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"gateway: {string.Join(" and ", Concurrencies)} calls in flight, {Duration.TotalSeconds} s per run, A = direct, B = through the gateway");
        await using var hosts = new Hosts();
        var (_, membershipGrpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        var (_, gatewayGrpc) = await hosts.StartAsync("gateway", "gateway/RedCross.Gateway", "RedCross.Gateway", new()
        {
            ["ReverseProxy__Clusters__membershipGrpc__Destinations__primary__Address"] = $"http://localhost:{membershipGrpc}",
            // The per-caller limit would be the thing measured otherwise.
            ["Gateway__RateLimits__StaffPerSecond"] = "10000000",
        });
        var token = hosts.Tokens.For("district_officer", "06/058");
        var direct = new Members.MembersClient(Channels.Local(membershipGrpc, token));
        var proxied = new Members.MembersClient(Channels.Local(gatewayGrpc, token));
        var directUnits = new OrgUnits.OrgUnitsClient(Channels.Local(membershipGrpc, token));
        var proxiedUnits = new OrgUnits.OrgUnitsClient(Channels.Local(gatewayGrpc, token));
        var read = new GetOrgUnitRequest { Code = "058" };
        var write = new RegisterMemberRequest { FullName = "Trần Văn Tải", BirthDate = "1980-01-01", Sex = "male", OrgUnit = "01834", JoinedDate = "2013-06-01" };
        foreach (var concurrency in Concurrencies)
        {
            await Compare("GetOrgUnit (read)", concurrency, async () => await directUnits.GetOrgUnitAsync(read), async () => await proxiedUnits.GetOrgUnitAsync(read));
            await Compare("RegisterMember (write)", concurrency, async () => await direct.RegisterMemberAsync(write), async () => await proxied.RegisterMemberAsync(write));
        }
    }

    private static async Task Compare(string operation, int concurrency, Func<Task> direct, Func<Task> proxied)
    {
        await RunOnce(direct, concurrency, Warmup); // JIT, pools, SQLite pages
        await RunOnce(proxied, concurrency, Warmup);
        var directRuns = new List<(double Rate, double P50, double P99)>();
        var proxiedRuns = new List<(double Rate, double P50, double P99)>();
        await Measure.Alternate(3, async _ =>
        {
            directRuns.Add(await RunOnce(direct, concurrency, Duration));
            return directRuns[^1].Rate;
        }, async _ =>
        {
            proxiedRuns.Add(await RunOnce(proxied, concurrency, Duration));
            return proxiedRuns[^1].Rate;
        });

        Console.WriteLine();
        Console.WriteLine($"| {operation}, {concurrency} in flight | calls/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|");
        Print("direct to membership", directRuns);
        Print("through the gateway", proxiedRuns);
        Measure.Row("ratio gateway / direct", Measure.Median(proxiedRuns.Select(r => r.Rate)) / Measure.Median(directRuns.Select(r => r.Rate)), "", "");
        Measure.Row("p50 added by the gateway (ms)", "", Measure.Median(proxiedRuns.Select(r => r.P50)) - Measure.Median(directRuns.Select(r => r.P50)), "");
    }

    private static void Print(string name, List<(double Rate, double P50, double P99)> runs) =>
        Measure.Row(name, Measure.Median(runs.Select(r => r.Rate)), Measure.Median(runs.Select(r => r.P50)), Measure.Median(runs.Select(r => r.P99)));

    private static async Task<(double Rate, double P50, double P99)> RunOnce(Func<Task> call, int concurrency, TimeSpan duration)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
        var count = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                histogram.RecordValue(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref count);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        return (count / seconds, Ms(50), Ms(99));
    }
}
