using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>An officer of district 058 keeps a member's records through the pages alone: registers a member, transfers
/// it to another 058 unit, records its dues, a training course it took, a welfare visit and a contribution to the
/// fund, and changes its status; each form refuses one slip beside its field and stores nothing. An officer of 060
/// finds none of these pages by editing a URL, and a viewer of 058 is shown no form.</summary>
public sealed class MemberRecordsPagesTests(ConsoleDeployment deployment) : IClassFixture<ConsoleDeployment>
{
    private static readonly DateTime Today = DateTime.UtcNow.AddHours(7).Date;

    /// <summary>The district 058 officer's own channel: what the pages stored, read back through the API.</summary>
    private Grpc.Net.Client.GrpcChannel Officer058 => Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058);

    private Members.MembersClient Members058 => new(Officer058);

    [Fact]
    public async Task An_officer_transfers_a_member_records_its_dues_training_and_visit_and_changes_its_status_each_slip_refused_beside_its_field()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await deployment.SignInAsync("officer058");

        // The member, registered through the form in one 058 commune.
        await page.GotoAsync(deployment.Url + "/members/new");
        await page.GetByLabel("Họ và tên").FillAsync("Mã Thị Hồ Sơ");
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("12/04/1985");
        await page.GetByLabel("Đơn vị").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mã Thị Hồ Sơ");
        var memberId = IdIn(page.Url);

        // Transfer: a date in the future is refused beside it, the member stays; then moved to 01837.
        await page.GetByRole(AriaRole.Link, new() { Name = "Chuyển sinh hoạt", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Chuyển sinh hoạt");
        await Pages.CheckAsync(page, "member-transfer-form");
        await page.GetByLabel("Chuyển đến đơn vị").SelectOptionAsync("01837");
        await page.GetByLabel("Từ ngày (dd/mm/yyyy)").FillAsync(Date(Today.AddDays(3)));
        await page.GetByLabel("Lý do (nếu có)").FillAsync("Chuyển nơi cư trú");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển" }).ClickAsync();
        await Assertions.Expect(page.Locator("#effective_date-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Lý do (nếu có)")).ToHaveValueAsync("Chuyển nơi cư trú");
        await Pages.CheckAsync(page, "member-transfer-form-refused");
        var stored = await Members058.GetMemberAsync(new() { Id = memberId });
        Assert.Equal(("01834", 0), (stored.OrgUnit, stored.Transfers.Count));

        await page.GetByLabel("Từ ngày (dd/mm/yyyy)").FillAsync(Date(Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Chuyển nơi cư trú" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-transferred");
        stored = await Members058.GetMemberAsync(new() { Id = memberId });
        Assert.Equal("01837", stored.OrgUnit);
        var move = Assert.Single(stored.Transfers);
        Assert.Equal(("01834", "01837", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (move.FromOrgUnit, move.ToOrgUnit, move.EffectiveDate));

        // Dues: a date that is no date is refused beside it, nothing stored; then twelve months paid, 1.000 đồng a month.
        await page.GetByRole(AriaRole.Link, new() { Name = "Hội phí", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Chưa ghi nhận lần đóng nào.")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-dues-empty");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận đóng hội phí" }).ClickAsync();
        await Pages.CheckAsync(page, "member-dues-form");
        await page.GetByLabel("Số tháng đóng (1-12)").SelectOptionAsync("12");
        await page.GetByLabel("Ngày đóng (dd/mm/yyyy)").FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#paid_on-error")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-dues-form-refused");
        var dues = new Dues.DuesClient(Officer058);
        Assert.Empty((await dues.ListDuesPaymentsAsync(new() { MemberId = memberId })).DuesPayments);

        await page.GetByLabel("Ngày đóng (dd/mm/yyyy)").FillAsync(Date(Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "12.000 đồng" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-dues");
        var payment = Assert.Single((await dues.ListDuesPaymentsAsync(new() { MemberId = memberId })).DuesPayments);
        Assert.Equal((Today.Year, 12, 12_000L, "01837"), (payment.Year, payment.Months, payment.AmountVnd, payment.OrgUnit));

        // The exemption form is there too (not granted here: a commune's 10% cap depends on the day's members).
        await page.GetByRole(AriaRole.Link, new() { Name = "Miễn hội phí" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Hoàn cảnh khó khăn")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-exemption-form");

        // A training course the member took, from the member's page: the member is ticked already; an end before the
        // start is the API's refusal, shown beside the end, nothing stored.
        await page.GotoAsync(deployment.Url + "/members/" + memberId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận lớp tập huấn có hội viên này" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#chosen-{memberId}")).ToBeCheckedAsync();
        await Pages.CheckAsync(page, "training-form");
        await page.GetByLabel("Đơn vị tổ chức").SelectOptionAsync("01837");
        await page.GetByLabel("Chủ đề").FillAsync("Sơ cấp cứu ban đầu tại cộng đồng");
        await page.GetByLabel("Từ ngày (dd/mm/yyyy)").FillAsync(Date(Today));
        await page.GetByLabel("Đến ngày (dd/mm/yyyy)").FillAsync(Date(Today.AddDays(-1)));
        await page.GetByLabel("Số người dự không phải hội viên").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#end_date-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#chosen-{memberId}")).ToBeCheckedAsync();
        await Pages.CheckAsync(page, "training-form-refused");
        var trainings = new Trainings.TrainingsClient(Officer058);
        Assert.DoesNotContain((await trainings.ListTrainingsAsync(new() { PageSize = 1000 })).Trainings, t => t.Topic == "Sơ cấp cứu ban đầu tại cộng đồng");

        await page.GetByLabel("Đến ngày (dd/mm/yyyy)").FillAsync(Date(Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "Sơ cấp cứu ban đầu tại cộng đồng" }) });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell, new() { Name = "6", Exact = true })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "trainings");
        var training = Assert.Single((await trainings.ListTrainingsAsync(new() { PageSize = 1000 })).Trainings, t => t.Topic == "Sơ cấp cứu ban đầu tại cộng đồng");
        Assert.Equal(("01837", 6), (training.OrgUnit, training.ParticipantCount));

        // A welfare visit: a date in the future refused beside it; then 500.000 đồng given for an illness.
        await page.GotoAsync(deployment.Url + "/members/" + memberId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Thăm hỏi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Chưa ghi nhận lần thăm hỏi nào.")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-welfare-empty");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận thăm hỏi" }).ClickAsync();
        await Pages.CheckAsync(page, "welfare-visit-form");
        await page.GetByLabel("Lý do thăm hỏi").SelectOptionAsync("illness");
        await page.GetByLabel("Số tiền trao").FillAsync("500.000");
        await page.GetByLabel("Ngày thăm (dd/mm/yyyy)").FillAsync(Date(Today.AddDays(2)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#visited_on-error")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "welfare-visit-form-refused");
        var welfare = new Welfare.WelfareClient(Officer058);
        Assert.Empty((await welfare.ListWelfareVisitsAsync(new() { MemberId = memberId })).WelfareVisits);

        await page.GetByLabel("Ngày thăm (dd/mm/yyyy)").FillAsync(Date(Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "500.000 đồng" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Ốm đau" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-welfare");
        var visit = Assert.Single((await welfare.ListWelfareVisitsAsync(new() { MemberId = memberId })).WelfareVisits);
        Assert.Equal(("illness", 500_000L), (visit.Reason, visit.AmountVnd));

        // A contribution to the fund: an amount that is no number refused beside it; then stored.
        await page.GotoAsync(deployment.Url + "/members");
        await page.GetByRole(AriaRole.Link, new() { Name = "Quỹ thăm hỏi" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận đóng góp" }).ClickAsync();
        await Pages.CheckAsync(page, "welfare-contribution-form");
        await page.GetByLabel("Người hoặc tổ chức đóng góp").FillAsync("Hợp tác xã Nông Thượng");
        await page.GetByLabel("Số tiền (đồng, ví dụ 500.000)").FillAsync("hai triệu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#amount_vnd-error")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "welfare-contribution-form-refused");
        Assert.DoesNotContain((await welfare.ListWelfareContributionsAsync(new() { PageSize = 1000 })).WelfareContributions, c => c.Contributor == "Hợp tác xã Nông Thượng");

        await page.GetByLabel("Số tiền (đồng, ví dụ 500.000)").FillAsync("2.000.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "2.000.000 đồng" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "welfare-fund");
        Assert.Equal(2_000_000, Assert.Single((await welfare.ListWelfareContributionsAsync(new() { PageSize = 1000 })).WelfareContributions, c => c.Contributor == "Hợp tác xã Nông Thượng").AmountVnd);

        // Status: a date before the member's last change is refused beside it; then lapsed from today.
        await page.GotoAsync(deployment.Url + "/members/" + memberId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Đổi trạng thái" }).ClickAsync();
        await Pages.CheckAsync(page, "member-status-form");
        await page.GetByLabel("Trạng thái mới").SelectOptionAsync("lapsed");
        await page.GetByLabel("Từ ngày (dd/mm/yyyy)").FillAsync("01/01/2020");
        await page.GetByLabel("Lý do (nếu có)").FillAsync("Không sinh hoạt quá 12 tháng");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#effective_date-error")).ToContainTextAsync("lần thay đổi gần nhất");
        await Pages.CheckAsync(page, "member-status-form-refused");
        Assert.Equal("active", (await Members058.GetMemberAsync(new() { Id = memberId })).Status);

        await page.GetByLabel("Từ ngày (dd/mm/yyyy)").FillAsync(Date(Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Không sinh hoạt quá 12 tháng" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member-status-changed");
        stored = await Members058.GetMemberAsync(new() { Id = memberId });
        Assert.Equal("lapsed", stored.Status);
        Assert.Equal("lapsed", Assert.Single(stored.StatusHistory).Status);
    }

    [Fact]
    public async Task Another_districts_officer_finds_none_of_the_member_pages_and_a_viewer_is_shown_no_form()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        var member = await Members058.RegisterMemberAsync(new() { FullName = "Hà Văn Ngoài Phạm Vi", BirthDate = "1975-07-07", Sex = "male", OrgUnit = "01840", NationalId = "006075123456" });

        var other = await deployment.SignInAsync("officer060");
        foreach (var path in new[] { "", "/transfer", "/status", "/dues", "/dues/new", "/dues/exemption", "/welfare", "/welfare/new" })
        {
            var response = await other.GotoAsync(deployment.Url + "/members/" + member.Id + path);
            Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
            await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
            Assert.DoesNotContain("Hà Văn Ngoài Phạm Vi", await other.ContentAsync());
        }

        var training = await other.GotoAsync(deployment.Url + "/members/trainings/new?member=" + member.Id);
        Assert.Equal((int)HttpStatusCode.NotFound, training!.Status);

        var viewer = await deployment.SignInAsync("viewer058");
        await viewer.GotoAsync(deployment.Url + "/members/" + member.Id);
        await Assertions.Expect(viewer.Locator("h1")).ToHaveTextAsync("Hà Văn Ngoài Phạm Vi");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Hội phí", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Chuyển sinh hoạt", Exact = true })).ToHaveCountAsync(0);
        Assert.DoesNotContain("006075123456", await viewer.ContentAsync());
        foreach (var path in new[] { "/transfer", "/status", "/dues/new", "/welfare/new" })
        {
            await viewer.GotoAsync(deployment.Url + "/members/" + member.Id + path);
            await Assertions.Expect(viewer.GetByText("Tài khoản chỉ xem")).ToBeVisibleAsync();
            await Assertions.Expect(viewer.Locator("form[data-draft]")).ToHaveCountAsync(0);
        }

        await viewer.GotoAsync(deployment.Url + "/members/" + member.Id + "/dues");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận đóng hội phí" })).ToHaveCountAsync(0);
        await Pages.CheckAsync(viewer, "member-dues-viewer");
    }

    private static string Date(DateTime date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string IdIn(string url) => Regex.Match(url, "/members/([0-9a-f-]{36})").Groups[1].Value is { Length: 36 } id
        ? id
        : throw new Xunit.Sdk.XunitException($"no member id in {url}");
}
