using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>An officer of district 058 in a browser: signs in at `/` through the identity's Vietnamese page, sees the
/// district's year, registers a member through the form (a refusal shown beside its field, nothing stored), finds the
/// member without typing diacritics, and sees nothing of district 060 even by editing a URL.</summary>
public sealed partial class ConsoleTests(ConsoleDeployment deployment) : IClassFixture<ConsoleDeployment>
{
    [Fact]
    public async Task An_officer_signs_in_and_registers_a_member_a_refusal_shown_beside_its_field()
    {
        var page = await deployment.SignInAsync("officer058");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("năm");
        await Assertions.Expect(page.GetByText("Hoàng Văn Cán")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Hội viên" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký hội viên" }).ClickAsync();
        await Pages.CheckAsync(page, "member-form");
        await page.GetByLabel("Họ và tên").FillAsync("Nông Thị Thử");
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("31/02/1990");
        await page.GetByLabel("Đơn vị").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        var birthError = page.Locator("#birth_date-error");
        await Assertions.Expect(birthError).ToBeVisibleAsync();
        Assert.NotEmpty((await birthError.InnerTextAsync()).Trim());
        await Assertions.Expect(page.GetByLabel("Họ và tên")).ToHaveValueAsync("Nông Thị Thử");
        await Pages.CheckAsync(page, "member-form-refused");
        Assert.Empty(await MembersNamed("Nông Thị Thử"));

        // The API's own refusal, beside its field: a citizen ID is 12 digits.
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("28/02/1990");
        await page.GetByLabel("Số CCCD (12 chữ số, nếu có)").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#national_id-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#birth_date-error")).ToBeHiddenAsync();
        Assert.Empty(await MembersNamed("Nông Thị Thử"));

        await page.GetByLabel("Số CCCD (12 chữ số, nếu có)").FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nông Thị Thử");
        await Assertions.Expect(page.GetByText("28/02/1990")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "member");
        var stored = Assert.Single(await MembersNamed("Nông Thị Thử"));
        Assert.Equal("1990-02-28", stored.BirthDate);
        Assert.Equal("01834", stored.OrgUnit);

        await page.GotoAsync(deployment.Url + "/members?q=nong thi thu");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nông Thị Thử" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "members");
    }

    [Fact]
    public async Task An_excel_file_with_two_bad_rows_stores_the_others_and_shows_both_refusals_with_their_reasons()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hoi-vien-{Guid.NewGuid():N}.xlsx");
        var rows = new[]
        {
            Row("Nhập Tệp Một", "12/03/1990", "01834"),
            Row("Nhập Tệp Hai", "01/01/1985", "058"),
            Row("Nhập Tệp Ba", "20/10/2001", "01834"),
            Row("Nhập Tệp Ngày Sai", "31/02/1990", "058"),
            Row("Nhập Tệp Huyện Khác", "05/05/1995", "060"),
        };
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows);
        try
        {
            var page = await deployment.SignInAsync("officer058");
            await page.GotoAsync(deployment.Url + "/members");
            await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ tệp Excel/CSV" }).ClickAsync();
            await Pages.CheckAsync(page, "member-import");
            await page.Locator("#file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();

            await Assertions.Expect(page.Locator("p.summary")).ToHaveTextAsync(
                "Đã lưu 3 hội viên mới, 0 dòng đã có từ trước, 2 dòng bị từ chối.", new() { Timeout = 60_000 });
            var refusals = page.Locator("tbody tr");
            await Assertions.Expect(refusals).ToHaveCountAsync(2);
            await Assertions.Expect(refusals.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("5");
            await Assertions.Expect(refusals.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("birth_date");
            await Assertions.Expect(refusals.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("6");
            Assert.NotEmpty((await refusals.Nth(1).Locator("td").Nth(2).InnerTextAsync()).Trim());
            await Pages.CheckAsync(page, "member-import-done");

            foreach (var stored in new[] { "Nhập Tệp Một", "Nhập Tệp Hai", "Nhập Tệp Ba" })
            {
                Assert.Single(await MembersNamed(stored));
            }

            Assert.Empty(await MembersNamed("Nhập Tệp Ngày Sai"));
            Assert.Empty(await MembersNamed("Nhập Tệp Huyện Khác"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Dictionary<string, object> Row(string name, string birth, string unit) => new()
    {
        ["full_name"] = name, ["birth_date"] = birth, ["sex"] = "female", ["org_unit"] = unit,
    };

    [Fact]
    public async Task Another_districts_member_is_not_found_by_editing_the_url_nor_listed()
    {
        var admin = new Members.MembersClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        var outside = await admin.RegisterMemberAsync(new() { FullName = "Vi Văn Huyện Khác", BirthDate = "1980-01-01", Sex = "male", OrgUnit = "060" });

        var page = await deployment.SignInAsync("officer058");
        var response = await page.GotoAsync(deployment.Url + "/members/" + outside.Id);
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
        Assert.DoesNotContain("Vi Văn Huyện Khác", await page.ContentAsync());

        await page.GotoAsync(deployment.Url + "/members?q=vi van huyen khac");
        Assert.DoesNotContain("Vi Văn Huyện Khác", await page.ContentAsync());

        // The same page for the province admin shows the member: the refusal above is the district's scope, not a broken page.
        var province = await deployment.SignInAsync("admin06");
        await province.GotoAsync(deployment.Url + "/members/" + outside.Id);
        await Assertions.Expect(province.Locator("h1")).ToHaveTextAsync("Vi Văn Huyện Khác");
    }

    [Fact]
    public async Task A_viewer_never_sees_a_national_id()
    {
        var officer = new Members.MembersClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));
        var member = await officer.RegisterMemberAsync(new() { FullName = "Đinh Thị Căn Cước", BirthDate = "1979-05-05", Sex = "female", OrgUnit = "058", NationalId = "006179123456" });

        var viewer = await deployment.SignInAsync("viewer058");
        await viewer.GotoAsync(deployment.Url + "/members/" + member.Id);
        await Assertions.Expect(viewer.Locator("h1")).ToHaveTextAsync("Đinh Thị Căn Cước");
        Assert.DoesNotContain("006179123456", await viewer.ContentAsync());

        var own = await deployment.SignInAsync("officer058");
        await own.GotoAsync(deployment.Url + "/members/" + member.Id);
        await Assertions.Expect(own.GetByText("006179123456")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_console_reads_no_bearer_token_a_partners_or_an_admins_is_sent_to_sign_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var token in new[] { deployment.Tokens.ForClient("partner-unicef", "partner", "06", "membership.read"), deployment.Tokens.ProvinceAdmin })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, deployment.Url + "/members");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(deployment.Url + "/connect/authorize?", response.Headers.Location!.ToString());
            Assert.Contains("client_id=console", response.Headers.Location.Query);
            Assert.Contains("code_challenge_method=S256", response.Headers.Location.Query);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_next_visit_asks_for_the_password()
    {
        var page = await deployment.SignInAsync("officer058");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bạn đã đăng xuất");
        await page.GotoAsync(deployment.Url + "/members");
        await Assertions.Expect(page.GetByLabel("Mật khẩu / Password")).ToBeVisibleAsync();
        Assert.Matches(SignInAddress(), page.Url);
    }

    private async Task<List<Member>> MembersNamed(string name)
    {
        var members = new Members.MembersClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        return [.. (await members.ListMembersAsync(new() { Query = name, PageSize = 100 })).Members.Where(m => m.FullName == name)];
    }

    [GeneratedRegex("/connect/authorize")]
    private static partial Regex SignInAddress();
}
