using System.Net;
using Microsoft.Playwright;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>The report page on the demo's year (preview, Word download, directions saved by an officer and refused to a
/// viewer) and the province admin's pages (data status, accounts, partner clients), which an officer cannot open.</summary>
public sealed class ReportAndAdminTests(DemoConsoleDeployment deployment) : IClassFixture<DemoConsoleDeployment>
{
    [Fact]
    public async Task An_officer_previews_downloads_and_writes_the_directions_of_the_2013_report_a_viewer_cannot()
    {
        var page = await deployment.SignInAsync("officer058");
        await page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo" }).ClickAsync();
        await page.GetByLabel("Năm", new() { Exact = true }).FillAsync("2013");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        var preview = page.FrameLocator("iframe.preview");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("2013");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Bắc Kạn");
        await Pages.CheckAsync(page, "report", frames: false);

        // The link's file, fetched with the page's own cookie (Chromium's download machinery is not what is tested).
        var word = await page.GetByRole(AriaRole.Link, new() { Name = "Word" }).GetAttributeAsync("href");
        var file = await page.Context.APIRequest.GetAsync(deployment.Url + word);
        Assert.Equal(200, file.Status);
        Assert.Contains("bao-cao-058-2013.docx", file.Headers["content-disposition"]);
        Assert.Equal("PK"u8.ToArray(), (await file.BodyAsync())[..2]);
        var excel = await page.GetByRole(AriaRole.Link, new() { Name = "Excel" }).GetAttributeAsync("href");
        var workbook = await page.Context.APIRequest.GetAsync(deployment.Url + excel);
        Assert.Equal(200, workbook.Status);
        Assert.Contains("bao-cao-058-2013.xlsx", workbook.Headers["content-disposition"]);
        Assert.Contains("Phụ lục", MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(await workbook.BodyAsync())));

        const string text = "Tiếp tục phát triển hội viên ở các xã vùng cao.";
        await page.GetByLabel("Nội dung (các đoạn cách nhau một dòng trống)").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu phương hướng" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Nội dung (các đoạn cách nhau một dòng trống)")).ToHaveValueAsync(text);
        Assert.Equal(text, await DirectionsText());

        var viewer = await deployment.SignInAsync("viewer058");
        await viewer.GotoAsync(deployment.Url + "/report?unit=058&year=2013");
        await viewer.GetByLabel("Nội dung (các đoạn cách nhau một dòng trống)").FillAsync("Người chỉ xem sửa.");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Lưu phương hướng" }).ClickAsync();
        await Assertions.Expect(viewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Chưa lưu được.");
        Assert.Equal(text, await DirectionsText());
    }

    [Fact]
    public async Task The_province_admin_sees_the_data_status_adds_and_disables_an_account_and_issues_a_client_an_officer_cannot()
    {
        var admin = await deployment.SignInAsync("admin06");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Quản trị" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "membership", Exact = true })).ToBeVisibleAsync();
        await Pages.CheckAsync(admin, "admin");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Tài khoản cán bộ" }).ClickAsync();
        await admin.GetByLabel("Tên đăng nhập").FillAsync("hoa.nt");
        await admin.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Hoa");
        await admin.GetByLabel("Đơn vị").SelectOptionAsync("06/058");
        await admin.GetByLabel("Mật khẩu ban đầu (ít nhất 10 ký tự)").FillAsync("ngắn");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("#password-error")).ToBeVisibleAsync();
        Assert.DoesNotContain(await Accounts(), a => a.Username == "hoa.nt");

        await admin.GetByLabel("Mật khẩu ban đầu (ít nhất 10 ký tự)").FillAsync("mật khẩu ban đầu dài");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "hoa.nt", Exact = true })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Khoá hoa.nt" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Khoá hoa.nt" })).ToHaveCountAsync(0);
        Assert.NotNull(Assert.Single(await Accounts(), a => a.Username == "hoa.nt").DisableTime);
        await Pages.CheckAsync(admin, "admin-accounts");

        await admin.GotoAsync(deployment.Url + "/admin/clients");
        await admin.GetByLabel("Tên (chữ thường, số, gạch ngang)").FillAsync("vtv-bac-kan");
        await admin.GetByLabel("Đơn vị").SelectOptionAsync("06/058");
        await admin.GetByLabel("membership.read").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }).ClickAsync();
        var secret = admin.Locator("div.saved code").Nth(1);
        await Assertions.Expect(secret).ToBeVisibleAsync();
        Assert.True((await secret.InnerTextAsync()).Trim().Length >= 16);
        await Pages.CheckAsync(admin, "admin-clients");
        await admin.GotoAsync(deployment.Url + "/admin/clients");
        Assert.Equal(0, await admin.Locator("div.saved code").CountAsync());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thu hồi vtv-bac-kan" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Đã thu hồi" })).ToBeVisibleAsync();

        var officer = await deployment.SignInAsync("officer058");
        var refused = await officer.GotoAsync(deployment.Url + "/admin");
        Assert.Equal((int)HttpStatusCode.NotFound, refused!.Status);
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Quản trị" })).ToHaveCountAsync(0);
    }

    private async Task<string> DirectionsText()
    {
        var reporting = new Reporting.ReportingClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        return (await reporting.GetAnnualReportAsync(new() { OrgUnit = "058", Year = 2013 })).Directions.Text;
    }

    private async Task<IReadOnlyList<Account>> Accounts()
    {
        var accounts = new Accounts.AccountsClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        return (await accounts.ListAccountsAsync(new() { PageSize = 1000 })).Accounts;
    }
}
