using System.Diagnostics;
using HdrHistogram;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>RegisterMember through the YARP gateway against the same call straight to the service, at the
/// same concurrency, alternating; throughput and latency percentiles for both.</summary>
internal static class GatewayBenchmark
{
    private const int Concurrency = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"gateway: {Concurrency} calls in flight, {Duration.TotalSeconds} s per run, A = direct, B = through the gateway");
        await using var hosts = new Hosts();
        var (_, membershipGrpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        var (_, gatewayGrpc) = await hosts.StartAsync("gateway", "gateway/RedCross.Gateway", "RedCross.Gateway", new()
        {
            ["ReverseProxy__Clusters__membershipGrpc__Destinations__primary__Address"] = $"http://localhost:{membershipGrpc}",
            // The per-caller limit would be the thing measured otherwise.
            ["Gateway__RequestsPerSecond"] = "10000000",
        });
        var token = hosts.Tokens.For("district_officer", "06/058");
        var direct = new Members.MembersClient(Channels.Local(membershipGrpc, token));
        var proxied = new Members.MembersClient(Channels.Local(gatewayGrpc, token));
        await RunOnce(direct, TimeSpan.FromSeconds(2)); // warm-up: JIT, pools, SQLite pages
        await RunOnce(proxied, TimeSpan.FromSeconds(2));

        var directRuns = new List<(double Rate, double P50, double P99)>();
        var proxiedRuns = new List<(double Rate, double P50, double P99)>();
        await Measure.Alternate(3, async _ =>
        {
            directRuns.Add(await RunOnce(direct, Duration));
            return directRuns[^1].Rate;
        }, async _ =>
        {
            proxiedRuns.Add(await RunOnce(proxied, Duration));
            return proxiedRuns[^1].Rate;
        });

        Console.WriteLine();
        Console.WriteLine($"| RegisterMember, {Concurrency} in flight | calls/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|");
        Print("direct to membership", directRuns);
        Print("through the gateway", proxiedRuns);
        Measure.Row("ratio gateway / direct", Measure.Median(proxiedRuns.Select(r => r.Rate)) / Measure.Median(directRuns.Select(r => r.Rate)), "", "");
    }

    private static void Print(string name, List<(double Rate, double P50, double P99)> runs) =>
        Measure.Row(name, Measure.Median(runs.Select(r => r.Rate)), Measure.Median(runs.Select(r => r.P50)), Measure.Median(runs.Select(r => r.P99)));

    private static async Task<(double Rate, double P50, double P99)> RunOnce(Members.MembersClient client, TimeSpan duration)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
        var count = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            var request = new RegisterMemberRequest { FullName = "Trần Văn Tải", BirthDate = "1980-01-01", Sex = "male", OrgUnit = "01834", JoinedDate = "2013-06-01" };
            while (watch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await client.RegisterMemberAsync(request);
                histogram.RecordValue(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref count);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        return (count / seconds, Ms(50), Ms(99));
    }
}
