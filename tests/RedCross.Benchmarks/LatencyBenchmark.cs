using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>Write-to-report latency in the monolith (in-memory bus, catch-up timer at its default): RegisterMember
/// at 100/s (RC_BENCH_RATE) for 60 s (RC_BENCH_SECONDS); see <see cref="VisibilityRun"/>.</summary>
internal static class LatencyBenchmark
{
    public static async Task RunAsync()
    {
        await using var hosts = new Hosts();
        var (_, grpc) = await hosts.StartAsync("monolith", "services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host");
        var channel = Channels.Local(grpc, hosts.Tokens.ProvinceAdmin);
        var members = new Members.MembersClient(channel);
        var reports = new Contracts.Reporting.V1.Reporting.ReportingClient(channel);
        await WaitForUnitsAsync(reports);
        var run = new VisibilityRun([Membership(members)], reports, defaultRate: 100);
        Console.Error.WriteLine($"latency: monolith on CPU 0, RegisterMember at {run.Rate}/s for {run.Duration.TotalSeconds} s");
        await run.RunAsync("monolith on CPU 0, RegisterMember");
    }

    public static VisibilityRun.Source Membership(Members.MembersClient members) => new("membership RegisterMember", "membership.members.new",
        (_, unit, day) => members.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Lê Thị Mai", BirthDate = "1980-01-01", Sex = "female", OrgUnit = unit, JoinedDate = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }).ResponseAsync);

    /// <summary>Reporting learns the org tree from membership's events after start-up.</summary>
    public static async Task WaitForUnitsAsync(Contracts.Reporting.V1.Reporting.ReportingClient reports)
    {
        foreach (var unit in VisibilityRun.Communes)
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
