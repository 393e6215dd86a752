using System.Globalization;
using System.Net;
using Grpc.Core;
using Microsoft.Playwright;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Campaign.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>Emulation and commendation in the browser: an officer of 058 nominates a commune's Red Cross to the
/// provincial Red Cross and submits it, cannot approve it (the API says only the issuer's principal may, and the page
/// shows it), and the province admin approves it on the same page; a donor who reached a recognition tier is listed
/// by name and nominated with one button; an officer of 060 finds no 058 nomination by its URL.</summary>
[Collection(CampaignConsole.Name)]
public sealed class AwardsPagesTests
{
    private readonly ConsoleDeployment deployment;

    public AwardsPagesTests(ConsoleDeployment deployment)
    {
        this.deployment = deployment;
        // Two cores shared with other builds and test runs: a page can take longer than Playwright's 5 s to answer.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    private const string ProvincialRedCross = "06-HCTD";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task An_officer_nominates_and_submits_and_only_the_province_admin_approves()
    {
        await IssuerAsync();
        var page = await deployment.SignInAsync("officer058");
        await page.GetByRole(AriaRole.Link, new() { Name = "Thi đua", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thi đua khen thưởng");
        await Pages.CheckAsync(page, "awards");

        await page.GetByRole(AriaRole.Link, new() { Name = "Đề nghị khen thưởng" }).ClickAsync();
        await Pages.CheckAsync(page, "nomination-form");
        await page.Locator("#kind").SelectOptionAsync("org_unit");
        await page.Locator("#org_unit").SelectOptionAsync("01834");
        await page.Locator("#issuer_code").SelectOptionAsync(ProvincialRedCross);
        await page.Locator("#form_kind").SelectOptionAsync("certificate_of_merit");
        await page.Locator("#movement").SelectOptionAsync("society_work");
        await page.Locator("#proposer_org_unit").SelectOptionAsync("058");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Giấy khen: Hội Chữ thập đỏ Nguyễn Thị Minh Khai (01834)");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đang soạn");
        await Pages.CheckAsync(page, "nomination-draft");
        var id = page.Url.Split('/')[^1].Split('?')[0];

        await page.GetByRole(AriaRole.Button, new() { Name = "Trình", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đã trình");
        await Assertions.Expect(page.GetByText(Typed(Today))).ToBeVisibleAsync();

        // A district officer does not act for the provincial Red Cross: the API refuses, the page says why, nothing changes.
        await page.Locator("#decision_number").FillAsync("15/QĐ-HCTĐ");
        await page.Locator("#decision_date").FillAsync(Typed(Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.error[role=alert]")).ToContainTextAsync("Chỉ người thay mặt cấp khen này mới được phê duyệt");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đã trình");
        await Assertions.Expect(page.Locator("p.saved")).ToHaveCountAsync(0);
        await Pages.CheckAsync(page, "nomination-approve-refused");
        Assert.Equal("submitted", (await Nominations(deployment.Tokens.ProvinceAdmin).GetNominationAsync(new() { Id = id })).Status);

        var admin = await deployment.SignInAsync("admin06");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Thi đua", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Hội Chữ thập đỏ Nguyễn Thị Minh Khai (01834)" }).ClickAsync();
        await admin.Locator("#decision_number").FillAsync("15/QĐ-HCTĐ");
        await admin.Locator("#decision_date").FillAsync(Typed(Today));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Assertions.Expect(admin.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#status")).ToHaveTextAsync("Đã được khen thưởng");
        await Assertions.Expect(admin.GetByText("750.000 đồng")).ToBeVisibleAsync();
        await Pages.CheckAsync(admin, "nomination-approved");

        var approved = await Nominations(deployment.Tokens.ProvinceAdmin).GetNominationAsync(new() { Id = id });
        Assert.Equal(("approved", "15/QĐ-HCTĐ", 750_000L), (approved.Status, approved.DecisionNumber, approved.CashVnd));
        Assert.Equal(("org_unit", "01834", "058", "society_work"), (approved.Recipient.Kind, approved.Recipient.OrgUnit, approved.ProposerOrgUnit, approved.Movement));
        Assert.Equal(Today.Year, approved.Year);
    }

    [Fact]
    public async Task A_donor_who_reached_a_tier_is_listed_by_name_and_nominated_with_one_button()
    {
        await IssuerAsync();
        await new BloodDonorRecognition.BloodDonorRecognitionClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin))
            .SetRecognitionTiersAsync(new() { IssuerCode = ProvincialRedCross, Province = "06", Tiers = { new RecognitionTier { MinDonations = 1, FormKind = "certificate_of_merit" } } });
        var donors = new BloodDonors.BloodDonorsClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));
        var donor = await Eventually.OnceTheTreeIsKnown(() => donors.CreateBloodDonorAsync(new()
        {
            Donor = new() { FullName = "Bế Thị Tôn Vinh", BirthDate = "1985-09-02", Sex = "female", WeightKg = 52, OrgUnit = "01840" },
        }).ResponseAsync, "campaign to know 01840");
        await new BloodDonations.BloodDonationsClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058)).RecordBloodDonationAsync(new()
        {
            Donation = new() { DonorId = donor.Id, Component = "whole_blood", VolumeMl = 350, DonatedOn = Today.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        });

        var page = await deployment.SignInAsync("officer058");
        // Awards learns donation counts from campaign's events: the page lists the donor once they have arrived.
        await Eventually.Until(async () =>
        {
            await page.GotoAsync(deployment.Url + "/awards/candidates");
            return await page.GetByRole(AriaRole.Link, new() { Name = "Bế Thị Tôn Vinh" }).CountAsync();
        }, count => count == 1, TimeSpan.FromSeconds(60), "the donor to be a candidate");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Bế Thị Tôn Vinh" })).ToContainTextAsync("Giấy khen – Hội Chữ thập đỏ tỉnh Bắc Kạn (từ 1 lần)");
        await Pages.CheckAsync(page, "award-candidates");

        await page.GetByRole(AriaRole.Button, new() { Name = "Lập đề nghị cho Bế Thị Tôn Vinh" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Giấy khen: Bế Thị Tôn Vinh");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đang soạn");
        await Pages.CheckAsync(page, "award-candidate-nominated");

        var id = page.Url.Split('/')[^1].Split('?')[0];
        var nomination = await Nominations(deployment.Tokens.DistrictOfficer058).GetNominationAsync(new() { Id = id });
        Assert.Equal(("donor", donor.Id, "blood_donation", ProvincialRedCross), (nomination.Recipient.Kind, nomination.Recipient.Id, nomination.Movement, nomination.IssuerCode));

        await page.GotoAsync(deployment.Url + "/awards/candidates");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Bế Thị Tôn Vinh" }).CountAsync());
    }

    [Fact]
    public async Task Another_districts_officer_finds_no_058_nomination_by_editing_the_url()
    {
        await IssuerAsync();
        var nomination = await Nominations(deployment.Tokens.DistrictOfficer058).CreateNominationAsync(new()
        {
            Nomination = new()
            {
                IssuerCode = ProvincialRedCross, FormKind = "certificate_of_merit", Movement = "first_aid", Year = Today.Year, ProposerOrgUnit = "058",
                Recipient = new() { Kind = "group", OrgUnit = "01852", GroupName = "Đội sơ cấp cứu Nông Thượng" },
            },
        });

        var other = await deployment.SignInAsync("officer060");
        var response = await other.GotoAsync(deployment.Url + "/awards/" + nomination.Id);
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
        Assert.DoesNotContain("Đội sơ cấp cứu Nông Thượng", await other.ContentAsync());
        await other.GotoAsync(deployment.Url + "/awards");
        Assert.DoesNotContain("Đội sơ cấp cứu Nông Thượng", await other.ContentAsync());

        var own = await deployment.SignInAsync("officer058");
        await own.GotoAsync(deployment.Url + "/awards/" + nomination.Id);
        await Assertions.Expect(own.Locator("h1")).ToContainTextAsync("Đội sơ cấp cứu Nông Thượng");
    }

    private static string Typed(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private Nominations.NominationsClient Nominations(string token) => new(Channels.Local(deployment.GrpcPort, token));

    /// <summary>The provincial Red Cross as an issuer (750.000 đồng for a collective's Giấy khen), registered once for the
    /// tests sharing the deployment, once awards knows the tree.</summary>
    private async Task IssuerAsync()
    {
        var issuers = new Issuers.IssuersClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        await Eventually.OnceTheTreeIsKnown(async () =>
        {
            try
            {
                return await issuers.CreateIssuerAsync(new()
                {
                    Issuer = new()
                    {
                        Code = ProvincialRedCross, Kind = "provincial_red_cross", OrgUnit = "06", Name = "Hội Chữ thập đỏ tỉnh Bắc Kạn",
                        Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = 750_000, CashIndividualVnd = 400_000 } },
                    },
                });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                return await issuers.GetIssuerAsync(new() { Code = ProvincialRedCross });
            }
        }, "awards to know the province");
    }
}
