using RedCross.Contracts.Membership.V1;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>The audit trail's cost on reads: GetMember and ListMembers (page of 50) against two membership hosts
/// of the same build, each pinned to CPU 0 and loaded in turn (never both at once), one with the trail on (the
/// default) and one with `Membership__Audit__Enabled=false`, a switch that exists for this measurement only.
/// Both hold the same 2,000 members; 32 calls in flight from this process.</summary>
internal static class AuditBenchmark
{
    private const int Members = 2000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);
    private static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"audit: 32 in flight, {Duration.TotalSeconds} s per run, A = audit on, B = audit off (same build)");
        await using var hosts = new Hosts();
        var (_, onGrpc) = await hosts.StartAsync("membership-audit-on", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        var (_, offGrpc) = await hosts.StartAsync("membership-audit-off", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host",
            new() { ["Membership__Audit__Enabled"] = "false" });
        var on = new Members.MembersClient(Channels.Local(onGrpc, hosts.Tokens.ProvinceAdmin));
        var off = new Members.MembersClient(Channels.Local(offGrpc, hosts.Tokens.ProvinceAdmin));
        var onIds = await SeedAsync(on);
        var offIds = await SeedAsync(off);

        foreach (var (name, call) in new (string, Func<Members.MembersClient, List<string>, int, long, Task>)[]
        {
            ("GetMember", (client, ids, worker, i) => client.GetMemberAsync(new GetMemberRequest { Id = ids[(int)(((worker * 7919) + i) % ids.Count)] }).ResponseAsync),
            ("ListMembers, page of 50", (client, ids, worker, i) => client.ListMembersAsync(new ListMembersRequest { PageSize = 50, OrgUnit = Communes[(worker + i) % Communes.Length] }).ResponseAsync),
        })
        {
            Console.Error.WriteLine($"  {name}");
            await RegisterBenchmark.Run(TimeSpan.FromSeconds(2), (w, i) => call(on, onIds, w, i)); // warm-up
            await RegisterBenchmark.Run(TimeSpan.FromSeconds(2), (w, i) => call(off, offIds, w, i));
            var onRuns = new List<(double Rate, double P50, double P99)>();
            var offRuns = new List<(double Rate, double P50, double P99)>();
            await Measure.Alternate(3, async _ =>
            {
                onRuns.Add(await RegisterBenchmark.Run(Duration, (w, i) => call(on, onIds, w, i)));
                return onRuns[^1].Rate;
            }, async _ =>
            {
                offRuns.Add(await RegisterBenchmark.Run(Duration, (w, i) => call(off, offIds, w, i)));
                return offRuns[^1].Rate;
            });

            var (rateOn, rateOff) = (Measure.Median(onRuns.Select(r => r.Rate)), Measure.Median(offRuns.Select(r => r.Rate)));
            Console.WriteLine();
            Console.WriteLine($"| {name}, 32 in flight, host on CPU 0 | calls/s (median of 3) | p50 ms | p99 ms |");
            Console.WriteLine("|---|---|---|---|");
            RegisterBenchmark.Print("audit trail on", onRuns);
            RegisterBenchmark.Print("audit trail off (Membership:Audit:Enabled=false)", offRuns);
            Measure.Row("cost added by the audit trail: time per call on / off - 1", (rateOff / rateOn) - 1, "", "");
        }
    }

    private static async Task<List<string>> SeedAsync(Members.MembersClient client)
    {
        var ids = new List<string>(Members);
        for (var i = 0; i < Members; i += 50)
        {
            ids.AddRange((await Task.WhenAll(Enumerable.Range(i, 50).Select(async n => (await client.RegisterMemberAsync(new RegisterMemberRequest
            {
                FullName = "Nguyễn Thị " + new string([(char)('A' + (n % 26)), (char)('a' + (n / 26 % 26)), (char)('a' + (n / 676 % 26))]), BirthDate = "1980-01-01", Sex = "female", OrgUnit = Communes[n % Communes.Length], JoinedDate = "2013-06-01",
                Address = "Thôn 1",
            })).Id))));
        }

        return ids;
    }
}
