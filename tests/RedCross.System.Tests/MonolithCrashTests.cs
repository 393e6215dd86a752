using System.Globalization;
using System.Text;
using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>The monolith killed with SIGKILL while reporting still had work to do, then started again:
/// with no operator action, reporting ends equal to membership's own tables. During the first run the
/// live projection is made slow (batches of one) and the timed catch-up is off, so the kill is sure to
/// land with events marked sent on the in-memory bus but not applied; the second run uses the defaults.</summary>
public sealed class MonolithCrashTests : IAsyncLifetime
{
    private readonly Monolith monolith = new("rc-crash-");

    private string MembershipDb => Path.Combine(monolith.Data, "membership.db");

    private string ReportingDb => Path.Combine(monolith.Data, "reporting.db");

    private Tokens Tokens => monolith.Tokens;

    public Task InitializeAsync() => StartAsync(slow: true);

    public async Task DisposeAsync() => await monolith.DisposeAsync();

    private Task StartAsync(bool slow) => monolith.StartAsync(slow
        ? new Dictionary<string, string> { ["Reporting__BatchSize"] = "1", ["Reporting__CatchUp__Interval"] = "01:00:00" }
        : null);

    private async Task KillAndRestartAsync(int year)
    {
        await monolith.KillAsync();
        // Proof that the kill landed mid-stream: membership holds more than reporting had applied.
        var ledger = await Ledger.MembersJoined(MembershipDb, "06/058", year);
        var projectedAtKill = await Ledger.ProjectedNewMembers(ReportingDb, year);
        Assert.True(projectedAtKill < ledger, $"reporting had applied {projectedAtKill} of {ledger} before the kill: nothing was pending");
        await monolith.StopAsync();
        await StartAsync(slow: false);
    }

    private async Task<long> NewMembers(string unit, int year) =>
        (await new Reporting.ReportingClient(Channels.Local(monolith.GrpcPort, Tokens.ProvinceAdmin)).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = year }))
        .Indicators.Single(i => i.Code == "membership.members.new").Value;

    /// <summary>Waits for reporting to equal the ledger, then for every outbox row to be published and the
    /// catch-up to stand at the head, and checks again: late redeliveries must not double anything.</summary>
    private async Task AssertReportingEqualsLedgerAsync(int year)
    {
        var ledger = await Ledger.MembersJoined(MembershipDb, "06/058", year);
        await Eventually.Until(() => NewMembers("058", year), v => v == ledger, TimeSpan.FromSeconds(240), $"058's {year} report to reach the ledger's {ledger}");
        var admin = Channels.Local(monolith.GrpcPort, Tokens.ProvinceAdmin);
        await Eventually.Until(async () => (await new OutboxAdmin.OutboxAdminClient(admin).GetOutboxStatusAsync(new GetOutboxStatusRequest())).Outboxes.Single(o => o.Module == "membership").Pending,
            p => p == 0, TimeSpan.FromSeconds(120), "membership's outbox to be published");
        await new ReportingAdmin.ReportingAdminClient(admin).CatchUpAsync(new CatchUpRequest());
        var status = (await new ReportingAdmin.ReportingAdminClient(admin).GetProjectionStatusAsync(new GetProjectionStatusRequest())).Sources.Single(s => s.Source == "membership");
        Assert.Equal((0L, 0L), (status.PositionsBehind, status.ParkedEvents));
        Assert.Equal(ledger, await NewMembers("058", year));
        Assert.Equal(ledger, await NewMembers("06", year));
    }

    [Fact]
    public async Task Killed_as_soon_as_a_100000_row_import_returns_it_restarts_to_exact_figures_with_no_admin_command()
    {
        const int rows = 100_000;
        var csv = Path.Combine(monolith.Data, "members.csv");
        await File.WriteAllTextAsync(csv, MembersCsv(rows, 2014), new UTF8Encoding(false));
        var login = await monolith.Rc("login", "--role", "district_officer", "--org", "058");
        Assert.True(login.ExitCode == 0, login.Output);
        var import = await monolith.Rc(["members", "import", csv], timeout: TimeSpan.FromMinutes(10));
        Assert.True(import.ExitCode == 0, import.Output);

        await KillAndRestartAsync(2014);
        Assert.Equal(rows, await Ledger.MembersJoined(MembershipDb, "06/058", 2014));
        await AssertReportingEqualsLedgerAsync(2014);
    }

    [Fact]
    public async Task Killed_at_a_random_moment_of_mixed_writes_it_loses_no_acknowledged_write_and_doubles_nothing()
    {
        var acknowledged = new global::System.Collections.Concurrent.ConcurrentBag<string>();
        var members = new Members.MembersClient(Channels.Local(monolith.GrpcPort, Tokens.DistrictOfficer058));
        string[] units = ["01834", "01837", "01840", "01843"];
        RegisterMemberRequest Member(string name, int i) => new() { FullName = name, BirthDate = "1985-03-03", Sex = "female", OrgUnit = units[i % units.Length], JoinedDate = "2012-09-09" };

        // Single registrations from six writers, and a bulk import streaming beside them.
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    acknowledged.Add((await members.RegisterMemberAsync(Member($"Ghi Đồng Thời {Letters(w)} {Letters(i)}", i))).Id);
                }
                catch (RpcException)
                {
                    return; // the process is gone: this write was never acknowledged
                }
            }
        })).ToList();
        writers.Add(Task.Run(async () =>
        {
            try
            {
                using var call = members.ImportMembers();
                for (var i = 0; i < 60_000; i++)
                {
                    await call.RequestStream.WriteAsync(new ImportMemberRow { RowNumber = i + 2, Member = Member($"Nhập Song Song {Letters(i)} {Letters(i / 17_576)}", i) });
                }

                await call.RequestStream.CompleteAsync();
                await call;
            }
            catch (Exception e) when (e is RpcException or IOException)
            {
                // Killed mid-import (a write into the dead stream fails as an IOException, the awaited call as an
                // RpcException): committed batches are in membership's tables, the rest never happened.
            }
        }));

        // A moment drawn at random once the writes are flowing.
        await Eventually.Until(() => Task.FromResult(acknowledged.Count), n => n >= 200, TimeSpan.FromSeconds(120), "writes to flow");
        await Task.Delay(Random.Shared.Next(0, 2000));
        await monolith.KillAsync();
        await Task.WhenAll(writers);
        await KillAndRestartAsync(2012);

        Assert.Equal(acknowledged.Count, await Ledger.MembersWithIds(MembershipDb, acknowledged));
        await AssertReportingEqualsLedgerAsync(2012);
    }

    private static string MembersCsv(int rows, int year)
    {
        string[] family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Mai", "Trịnh"];
        string[] middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Hồng"];
        string[] given = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga",
            "Ngân", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quế", "Sơn", "Tâm", "Thảo", "Thắng", "Thu", "Thủy", "Tiến", "Trang", "Trung", "Tú", "Tuấn", "Uyên", "Vân",
            "Việt", "Vinh", "Xuân", "Yến", "Bảo", "Cường", "Đạt", "Điệp", "Huệ", "Lực"];
        string[] units = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];
        var csv = new StringBuilder("full_name,birth_date,sex,national_id,phone,address,org_unit,joined_date,volunteer\n");
        for (var i = 0; i < rows; i++)
        {
            var name = $"{family[i % 20]} {middle[i / 20 % 10]} {given[i / 200 % 50]}";
            var born = new DateOnly(1960, 1, 1).AddDays(i / 10_000 * 400 + i % 7);
            var joined = new DateOnly(year, 1 + i % 12, 1 + i % 28);
            csv.Append(CultureInfo.InvariantCulture, $"{name},{born:yyyy-MM-dd},{(i % 2 == 0 ? "female" : "male")},,,,{units[i % units.Length]},{joined:yyyy-MM-dd},\n");
        }

        return csv.ToString();
    }

    private static string Letters(int i) => new([(char)('a' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26))]);
}
