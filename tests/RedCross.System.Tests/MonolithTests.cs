using System.Net;
using System.Net.Http.Json;
using RedCross.Contracts.Relief.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>The default a newcomer starts: the monolith alone (SQLite files, in-memory bus, nothing
/// else installed), driven over REST, gRPC and the `rc` command line.</summary>
public sealed class MonolithTests : IAsyncLifetime
{
    private readonly Monolith monolith = new("rc-monolith-");

    public Task InitializeAsync() => monolith.StartAsync();

    public async Task DisposeAsync() => await monolith.DisposeAsync();

    [Fact]
    public async Task A_member_registered_by_rest_is_listed_by_rc_and_counted_up_the_tree()
    {
        var login = await monolith.Rc("login", "--role", "district_officer", "--org", "058");
        Assert.True(login.ExitCode == 0, login.Output);
        var tokens = monolith.Tokens;
        using var rest = new HttpClient { BaseAddress = new Uri($"http://localhost:{monolith.HttpPort}") };
        rest.DefaultRequestHeaders.Authorization = new("Bearer", tokens.DistrictOfficer058);
        var created = await rest.PostAsJsonAsync("/api/v1/members", new { fullName = "Lương Thị Một Khối", birthDate = "1970-07-07", sex = "female", orgUnit = "01834", joinedDate = "2013-04-04" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var list = await monolith.Rc("members", "list", "--query", "luong thi mot");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Lương Thị Một Khối", list.Output, StringComparison.Ordinal);

        var reports = new Reporting.ReportingClient(Channels.Local(monolith.GrpcPort, tokens.ProvinceAdmin));
        foreach (var unit in new[] { "01834", "058", "06" })
        {
            await Eventually.Until(
                async () => (await reports.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = 2013 })).Indicators.Single(i => i.Code == "membership.members.new").Value,
                v => v == 1, what: $"{unit} to count the member");
        }

        var report = await monolith.Rc("report", "annual", "--org", "058", "--year", "2013");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("membership.members.new", report.Output, StringComparison.Ordinal);
        Assert.Contains("Tổng kết công tác Hội Chữ thập đỏ năm 2013", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rc_imports_a_csv_and_reports_each_bad_row()
    {
        Assert.Equal(0, (await monolith.Rc("login", "--role", "district_officer", "--org", "058")).ExitCode);
        var csv = Path.Combine(monolith.Data, "members.csv");
        await File.WriteAllTextAsync(csv, """
            full_name,birth_date,sex,national_id,org_unit,joined_date,volunteer
            Hà Thị Nhập,1990-01-01,female,,01852,2013-02-02,x
            "Vi, Văn Dấu Phẩy",1991-02-02,male,006091000001,01852,2013-02-02,
            Thiếu Cột,1992-03-03,male
            Sai Mã,1993-04-04,male,12345,01852,2013-02-02,
            "Ngoặc "lỗi",1994-05-05,female,,01852,2013-02-02,
            """);

        var first = await monolith.Rc("members", "import", csv);
        Assert.True(first.ExitCode == 3, first.Output);
        Assert.Contains("created: 2", first.Output, StringComparison.Ordinal);
        Assert.Contains("refused: 3", first.Output, StringComparison.Ordinal);
        Assert.Contains("national_id", first.Output, StringComparison.Ordinal);
        Assert.Contains("has 3 fields", first.Output, StringComparison.Ordinal);

        var second = await monolith.Rc("members", "import", csv);
        Assert.Contains("created: 0", second.Output, StringComparison.Ordinal);
        Assert.Contains("already there: 2", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rc_imports_a_beneficiary_list_once_and_refuses_a_file_with_broken_encoding_whole()
    {
        Assert.Equal(0, (await monolith.Rc("login", "--role", "district_officer", "--org", "058")).ExitCode);
        var beneficiaries = new Beneficiaries.BeneficiariesClient(Channels.Local(monolith.GrpcPort, monolith.Tokens.DistrictOfficer058));
        Task<int> Listed() => beneficiaries.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01852", PageSize = 1000 }).ResponseAsync
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Beneficiaries.Count : -1, TaskScheduler.Default);
        // Relief learns the tree from membership's events after the host starts.
        await Eventually.Until(Listed, n => n >= 0, what: "relief to know unit 01852");
        var csv = Path.Combine(monolith.Data, "beneficiaries.csv");
        await File.WriteAllTextAsync(csv, """
            full_name,birth_date,categories,org_unit,household_size,kind
            Hoàng Văn Danh Sách,12/03/1941,poor;elderly,01852,,
            Hộ Bà Lý Văn,1950-01-01,near_poor,01852,4,household
            Sai Loại,1950-01-01,rich,01852,,
            """);

        var first = await monolith.Rc("beneficiaries", "import", csv);
        Assert.True(first.ExitCode == 3, first.Output);
        Assert.Contains("created: 2", first.Output, StringComparison.Ordinal);
        Assert.Contains("refused: 1", first.Output, StringComparison.Ordinal);
        Assert.Contains("beneficiary.categories", first.Output, StringComparison.Ordinal);
        var second = await monolith.Rc("beneficiaries", "import", csv);
        Assert.Contains("already there: 2", second.Output, StringComparison.Ordinal);
        Assert.Equal(2, await Listed());

        var broken = Path.Combine(monolith.Data, "broken.csv");
        await File.WriteAllBytesAsync(broken, [.. "full_name,birth_date,categories,org_unit\nM\u1ed9t,1950-01-01,poor,01852\n"u8, 0x48, 0xC3, 0x28, .. ",1950-01-01,poor,01852\n"u8]);
        var refused = await monolith.Rc("beneficiaries", "import", broken, "--encoding", "utf-8");
        Assert.True(refused.ExitCode == 2, refused.Output);
        Assert.Contains("not valid utf-8", refused.Output, StringComparison.Ordinal);
        Assert.Equal(2, await Listed());
    }

    [Fact]
    public async Task Rc_explains_usage_and_missing_login()
    {
        var usage = await monolith.Rc("frobnicate");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("rc login --role ROLE --org CODE", usage.Output, StringComparison.Ordinal);
        var unknownOption = await monolith.Rc("members", "list", "--frobnicate");
        Assert.Equal(2, unknownOption.ExitCode);
        Assert.Contains("--frobnicate", unknownOption.Output, StringComparison.Ordinal);
        var help = await monolith.Rc("members", "list", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--output", help.Output, StringComparison.Ordinal);
        var notLoggedIn = await monolith.Rc("members", "list");
        Assert.Equal(2, notLoggedIn.ExitCode);
        Assert.Contains("Not logged in", notLoggedIn.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rc_admin_shows_the_audit_trail_the_catch_up_status_and_the_outbox()
    {
        Assert.Equal(0, (await monolith.Rc("login", "--role", "district_officer", "--org", "058")).ExitCode);
        var tokens = monolith.Tokens;
        var members = new RedCross.Contracts.Membership.V1.Members.MembersClient(Channels.Local(monolith.GrpcPort, tokens.DistrictOfficer058));
        var member = await members.RegisterMemberAsync(new RedCross.Contracts.Membership.V1.RegisterMemberRequest
        {
            FullName = "Đoàn Thị Kiểm Tra",
            BirthDate = "1988-08-08",
            Sex = "female",
            OrgUnit = "01840",
            JoinedDate = "2013-05-05",
        });
        await members.GetMemberAsync(new RedCross.Contracts.Membership.V1.GetMemberRequest { Id = member.Id });

        Assert.Equal(0, (await monolith.Rc("login", "--role", "province_admin", "--org", "06")).ExitCode);
        var audit = await monolith.Rc("admin", "audit", "--member", member.Id, "--output", "csv");
        Assert.True(audit.ExitCode == 0, audit.Output);
        Assert.Contains("RegisterMember", audit.Output, StringComparison.Ordinal);
        Assert.Contains("GetMember", audit.Output, StringComparison.Ordinal);

        var status = await Eventually.Until(() => monolith.Rc("admin", "status", "--output", "json"), r => r.Output.Contains("\"behind\": \"0\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "reporting to stand at membership's head");
        Assert.Contains("\"source\": \"membership\"", status.Output, StringComparison.Ordinal);
        var outbox = await monolith.Rc("admin", "outbox", "--output", "csv");
        Assert.True(outbox.ExitCode == 0, outbox.Output);
        Assert.Contains("membership,", outbox.Output, StringComparison.Ordinal);
        var parked = await monolith.Rc("admin", "parked");
        Assert.Equal(0, parked.ExitCode);
        Assert.Equal(0, (await monolith.Rc("login", "--role", "district_officer", "--org", "058")).ExitCode);
        var denied = await monolith.Rc("admin", "status");
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("PermissionDenied", denied.Output, StringComparison.Ordinal);
    }
}
