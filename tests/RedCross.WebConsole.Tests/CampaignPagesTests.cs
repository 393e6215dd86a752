using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using RedCross.Contracts.Campaign.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>The campaign, blood donation and awards pages share one deployment: one monolith started for the three
/// sections instead of one per class on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class CampaignConsole : ICollectionFixture<ConsoleDeployment>
{
    public const string Name = "campaign, blood and awards pages";
}

/// <summary>An officer of district 058 plans a campaign, starts it, adds a partner and records results (a refusal shown
/// beside its field); registers a blood donor, adds a session and records donations, the second refused for its interval
/// with the reason and the day the donor may give again; and an officer of 060 finds none of it by editing a URL.</summary>
[Collection(CampaignConsole.Name)]
public sealed class CampaignPagesTests
{
    private readonly ConsoleDeployment deployment;

    public CampaignPagesTests(ConsoleDeployment deployment)
    {
        this.deployment = deployment;
        // Two cores shared with other builds and test runs: a page can take longer than Playwright's 5 s to answer.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task An_officer_plans_a_campaign_starts_it_adds_a_partner_and_records_results()
    {
        await TreeKnownAsync();
        var page = await deployment.SignInAsync("officer058");
        await page.GetByRole(AriaRole.Link, new() { Name = "Chiến dịch", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Chiến dịch, phong trào");
        await Pages.CheckAsync(page, "campaigns");

        await page.GetByRole(AriaRole.Link, new() { Name = "Lập chiến dịch mới" }).ClickAsync();
        await Pages.CheckAsync(page, "campaign-form");
        await page.GetByLabel("Tên chiến dịch").FillAsync("Ngày hội hiến máu phường Sông Cầu");
        await page.Locator("#type").SelectOptionAsync("blood_donation");
        await page.Locator("#org_unit").SelectOptionAsync("01837");
        await page.Locator("#start_date").FillAsync(Typed(Today.AddDays(-20)));
        await page.Locator("#end_date").FillAsync(Typed(Today.AddDays(10)));
        await page.Locator("#people_served").FillAsync("1.500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ngày hội hiến máu phường Sông Cầu");
        await Assertions.Expect(page.GetByText("Đang chuẩn bị")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "campaign-planned");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu chiến dịch" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Đang diễn ra")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm đơn vị phối hợp" }).ClickAsync();
        await Pages.CheckAsync(page, "campaign-partner-form");
        await page.GetByLabel("Tên đơn vị phối hợp").FillAsync("Bệnh viện Đa khoa tỉnh Bắc Kạn");
        await page.Locator("#kind").SelectOptionAsync("health_sector");
        await page.Locator("#role").FillAsync("Tiếp nhận máu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Bệnh viện Đa khoa tỉnh Bắc Kạn (Ngành Y tế): Tiếp nhận máu")).ToBeVisibleAsync();

        // A day before the campaign began: the API's refusal is shown beside the day, and nothing is stored.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi kết quả" }).ClickAsync();
        await page.Locator("#recorded_on").FillAsync(Typed(Today.AddDays(-40)));
        await page.Locator("#people_served").FillAsync("1.234");
        await page.Locator("#examinations").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recorded_on-error")).ToBeVisibleAsync();
        Assert.NotEmpty((await page.Locator("#recorded_on-error").InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator("#people_served")).ToHaveValueAsync("1.234");
        await Pages.CheckAsync(page, "campaign-result-refused");
        var id = page.Url.Split('/')[^3];
        var stored = await Campaigns().GetCampaignAsync(new() { Id = id });
        Assert.Equal(0, stored.Totals.PeopleServed);

        await page.Locator("#recorded_on").FillAsync(Typed(Today.AddDays(-1)));
        await page.Locator("#note").FillAsync("Đợt 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        var served = page.Locator("tr", new() { Has = page.Locator("th", new() { HasText = "Lượt người được phục vụ" }) });
        await Assertions.Expect(served).ToContainTextAsync("1.500");
        await Assertions.Expect(served).ToContainTextAsync("1.234");
        await Assertions.Expect(page.GetByText("Lượt khám: 300")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "campaign");

        stored = await Campaigns().GetCampaignAsync(new() { Id = id });
        Assert.Equal("running", stored.Status);
        Assert.Equal("01837", stored.OrgUnit);
        Assert.Equal(1500, stored.Targets.PeopleServed);
        Assert.Equal(1234, stored.Totals.PeopleServed);
        Assert.Equal(300, stored.Totals.Examinations);
        var partner = Assert.Single(stored.Partners);
        Assert.Equal(("Bệnh viện Đa khoa tỉnh Bắc Kạn", "health_sector", "Tiếp nhận máu"), (partner.Name, partner.Kind, partner.Role));

        await page.GotoAsync(deployment.Url + "/campaigns?status=running");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ngày hội hiến máu phường Sông Cầu" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_donation_refused_for_its_interval_shows_the_reason_and_the_day_the_donor_may_give_again()
    {
        var campaign = await RunningCampaignAsync("Hiến máu tình nguyện đợt hè");
        var page = await deployment.SignInAsync("officer058");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hiến máu", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hiến máu tình nguyện");
        await Pages.CheckAsync(page, "blood");

        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký người hiến máu" }).ClickAsync();
        await Pages.CheckAsync(page, "donor-form");
        await page.GetByLabel("Họ và tên").FillAsync("Lường Văn Hiến");
        await page.Locator("#birth_date").FillAsync("15/04/1990");
        await page.Locator("#sex").SelectOptionAsync("male");
        await page.Locator("#weight_kg").FillAsync("60,5");
        await page.Locator("#blood_group").SelectOptionAsync("O+");
        await page.Locator("#org_unit").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lường Văn Hiến");
        var donorId = page.Url.Split('/')[^1].Split('?')[0];
        await Pages.CheckAsync(page, "donor");

        var firstDay = Today.AddDays(-30);
        await page.GotoAsync(deployment.Url + "/blood/sessions?campaign=" + campaign.Id);
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm buổi hiến máu" }).ClickAsync();
        await Pages.CheckAsync(page, "session-form");
        await page.Locator("#campaign_id").SelectOptionAsync(campaign.Id);
        await page.Locator("#org_unit").SelectOptionAsync("01834");
        await page.Locator("#held_on").FillAsync(Typed(firstDay));
        await page.Locator("#place").FillAsync("Nhà văn hóa phường Nguyễn Thị Minh Khai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Nhà văn hóa phường Nguyễn Thị Minh Khai" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "sessions");

        await page.GotoAsync(deployment.Url + "/blood/donors/" + donorId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận lần hiến máu" }).ClickAsync();
        await Pages.CheckAsync(page, "donation-form");
        await page.Locator("#donated_on").FillAsync(Typed(firstDay));
        await page.Locator("#session_id").SelectOptionAsync(new SelectOptionValue { Label = $"{Typed(firstDay)}: Nhà văn hóa phường Nguyễn Thị Minh Khai" });
        await page.Locator("#component").SelectOptionAsync("whole_blood");
        await page.Locator("#volume_ml").FillAsync("350");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        var again = Typed(firstDay.AddDays(84));
        await Assertions.Expect(page.Locator("#next-eligible")).ToHaveTextAsync(again);

        // Four weeks later: whole blood needs twelve. Refused with its reason and the donor's next day; nothing stored.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận lần hiến máu" }).ClickAsync();
        await page.Locator("#donated_on").FillAsync(Typed(Today.AddDays(-2)));
        await page.Locator("#volume_ml").FillAsync("350");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var refusal = page.Locator("p.error[role=alert]");
        await Assertions.Expect(refusal).ToContainTextAsync("Chưa đủ thời gian tối thiểu giữa hai lần hiến máu.");
        await Assertions.Expect(refusal).ToContainTextAsync($"Người hiến có thể hiến lại từ ngày {again}.");
        await Assertions.Expect(page.Locator("#donated_on")).ToHaveValueAsync(Typed(Today.AddDays(-2)));
        await Pages.CheckAsync(page, "donation-refused");

        var history = await Donors().GetDonorHistoryAsync(new() { DonorId = donorId });
        var donation = Assert.Single(history.Donations);
        Assert.Equal((firstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 350, "whole_blood"), (donation.DonatedOn, donation.VolumeMl, donation.Component));
        Assert.Equal(campaign.Id, donation.CampaignId);
        Assert.Equal(60.5, history.Donor.WeightKg);
        Assert.Equal("01834", history.Donor.OrgUnit);

        await page.GotoAsync(deployment.Url + "/blood?unit=01834");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lường Văn Hiến" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Another_districts_officer_finds_no_058_campaign_or_donor_by_editing_the_url()
    {
        var campaign = await RunningCampaignAsync("Hiến máu xã Dương Quang");
        var donor = await Donors().CreateBloodDonorAsync(new()
        {
            Donor = new() { FullName = "Hà Thị Riêng Tư", BirthDate = "1988-03-03", Sex = "female", WeightKg = 50, OrgUnit = "01849" },
        });

        var other = await deployment.SignInAsync("officer060");
        foreach (var path in new[] { "/campaigns/" + campaign.Id, $"/campaigns/{campaign.Id}/partners/new", $"/campaigns/{campaign.Id}/results/new", "/blood/donors/" + donor.Id, "/blood/donations/new?donor=" + donor.Id })
        {
            var response = await other.GotoAsync(deployment.Url + path);
            Assert.True(response!.Status == (int)HttpStatusCode.NotFound, $"{path} answered {response.Status}");
            await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
            var html = await other.ContentAsync();
            Assert.DoesNotContain("Hiến máu xã Dương Quang", html);
            Assert.DoesNotContain("Hà Thị Riêng Tư", html);
        }

        await other.GotoAsync(deployment.Url + "/campaigns");
        Assert.DoesNotContain("Hiến máu xã Dương Quang", await other.ContentAsync());
        await other.GotoAsync(deployment.Url + "/blood");
        Assert.DoesNotContain("Hà Thị Riêng Tư", await other.ContentAsync());

        // The same addresses open for 058's own officer: the refusals above are the district's scope, not broken pages.
        var own = await deployment.SignInAsync("officer058");
        await own.GotoAsync(deployment.Url + "/campaigns/" + campaign.Id);
        await Assertions.Expect(own.Locator("h1")).ToHaveTextAsync("Hiến máu xã Dương Quang");
        await own.GotoAsync(deployment.Url + "/blood/donors/" + donor.Id);
        await Assertions.Expect(own.Locator("h1")).ToHaveTextAsync("Hà Thị Riêng Tư");
    }

    private static string Typed(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private Campaigns.CampaignsClient Campaigns() => new(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));

    private BloodDonors.BloodDonorsClient Donors() => new(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));

    /// <summary>Waits until the campaign service knows 058 from membership's log (a fresh deployment learns it after
    /// starting); until then a page's write would be refused for an unknown unit.</summary>
    private Task TreeKnownAsync() =>
        Eventually.OnceTheTreeIsKnown(() => Campaigns().ListCampaignsAsync(new() { OrgUnit = "058" }).ResponseAsync, "campaign to know 058");

    /// <summary>A running blood donation campaign of 058 from 40 days ago to 10 days ahead, made through the API: what
    /// the test is about comes after it.</summary>
    private async Task<Campaign> RunningCampaignAsync(string name)
    {
        await TreeKnownAsync();
        var campaign = await Campaigns().CreateCampaignAsync(new()
        {
            Campaign = new()
            {
                Type = "blood_donation", Name = name, OrgUnit = "058",
                StartDate = Today.AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                EndDate = Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        });
        return await Campaigns().OpenCampaignAsync(new() { Id = campaign.Id });
    }
}
