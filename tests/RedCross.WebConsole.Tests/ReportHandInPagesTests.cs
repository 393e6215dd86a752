using Microsoft.Playwright;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>An officer of 058 writes a note under the programmes and issues the 2013 report through the pages (a
/// missing signer refused beside its field, a second issue with nothing changed refused with its reason); the
/// province admin's hand-in page shows 058 issued with its number and 060 not issued.</summary>
public sealed class ReportHandInPagesTests(ConsoleDeployment deployment) : IClassFixture<ConsoleDeployment>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task An_officer_notes_and_issues_the_report_and_the_province_sees_it_handed_in()
    {
        var page = await deployment.SignInAsync("officer058");
        await page.GotoAsync(deployment.Url + "/report?unit=058&year=2013");
        await Assertions.Expect(page.Locator("p.hand-in")).ToContainTextAsync("Bản nháp, chưa ban hành.", Slow);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi chú các phần" }).ClickAsync();
        await page.GetByLabel("Phần của báo cáo").SelectOptionAsync("programmes");
        const string note = "Chương trình khám bệnh do Viettel tài trợ.";
        await page.GetByLabel("Ghi chú (các đoạn cách nhau một dòng trống; để trống để xoá)").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu ghi chú" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = note })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "report-notes");
        Assert.Equal(note, (await Report()).Notes.Single(n => n.Section == "programmes").Text);

        await page.GetByRole(AriaRole.Link, new() { Name = "Về trang báo cáo" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ban hành báo cáo" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.issue")).ToContainTextAsync("Bản nháp");
        await page.GetByLabel("Số (theo sổ văn bản)").FillAsync("12");
        await page.GetByLabel("Ngày ban hành (dd/mm/yyyy)").FillAsync("10/01/2014");
        // The browser would refuse an empty required field itself: send spaces, which the API refuses.
        await page.GetByLabel("Người ký", new() { Exact = true }).FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành báo cáo" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signer_name-error")).ToBeVisibleAsync();
        Assert.Null((await Report()).Issue);

        await page.GetByLabel("Người ký", new() { Exact = true }).FillAsync("Nguyễn Văn An");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành báo cáo" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("p.issue")).ToContainTextAsync("Đã ban hành: số 12, ngày 10/01/2014, Chủ tịch Nguyễn Văn An (lần 1).");
        await Pages.CheckAsync(page, "report-issue");
        Assert.Equal(("12", "2014-01-10", 1), ((await Report()).Issue.Number, (await Report()).Issue.IssuedOn, (await Report()).Issue.Version));

        await page.GetByLabel("Số (theo sổ văn bản)").FillAsync("13");
        await page.GetByLabel("Người ký", new() { Exact = true }).FillAsync("Nguyễn Văn An");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành báo cáo" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("đã được ban hành và số liệu chưa thay đổi");
        Assert.Equal(1, (await Report()).Issue.Version);

        var admin = await deployment.SignInAsync("admin06");
        await admin.GotoAsync(deployment.Url + "/report?unit=06&year=2013");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Tình hình nộp báo cáo của đơn vị trực thuộc" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-unit='058']")).ToContainTextAsync("Đã ban hành", Slow);
        await Assertions.Expect(admin.Locator("tr[data-unit='058']")).ToContainTextAsync("10/01/2014");
        await Assertions.Expect(admin.Locator("tr[data-unit='060']")).ToContainTextAsync("Chưa ban hành");
        await Pages.CheckAsync(admin, "report-handins");
    }

    private async Task<AnnualReport> Report() =>
        await new Reporting.ReportingClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin))
            .GetAnnualReportAsync(new() { OrgUnit = "058", Year = 2013 });
}
