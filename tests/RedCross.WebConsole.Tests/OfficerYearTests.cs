using System.Globalization;
using Microsoft.Playwright;
using RedCross.Contracts.Awards.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>The story, on a fresh deployment: an officer of district 058 does a year's work through the pages
/// alone (registers a member; imports an Excel file whose two bad rows are shown and the rest stored; records a donation
/// and a gift from it; opens a humanitarian address and reviews it; plans and starts a blood drive and records a
/// donation, the donor's second refused for its interval; nominates a unit), a province admin approves the nomination,
/// and the report preview, all zeros before, shows each change. The other page tests cover each step's refusals.</summary>
public sealed class OfficerYearTests(ConsoleDeployment deployment) : IClassFixture<ConsoleDeployment>
{
    private const string ProvincialRedCross = "06-HCTD";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>No earlier than the 1st of January, so that every step falls in the year the preview shows.</summary>
    private static DateOnly ThisYear(int daysAgo) => DateOnly.FromDayNumber(Math.Max(Today.AddDays(-daysAgo).DayNumber, new DateOnly(Today.Year, 1, 1).DayNumber));

    private static string Typed(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_district_officers_year_through_the_pages_shows_in_the_report_preview()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        await IssuerAsync();
        var page = await deployment.SignInAsync("officer058");
        var expected = new Dictionary<string, long>
        {
            ["membership.members.new"] = 0, ["relief.beneficiaries.registered"] = 0, ["relief.donations.received_vnd"] = 0,
            ["relief.activity_value_vnd"] = 0, ["relief.beneficiaries.reached"] = 0, ["relief.addresses.active"] = 0,
            ["campaign.blood.donations"] = 0, ["campaign.blood.volume_ml"] = 0, ["awards.commendations.collective"] = 0, ["awards.cash_vnd"] = 0,
        };
        await PreviewShowsAsync(page, expected);

        await RegisterMemberAsync(page);
        await ImportMembersAsync(page);
        expected["membership.members.new"] = 1 + 3;

        await DonationAndGiftAsync(page);
        (expected["relief.beneficiaries.registered"], expected["relief.donations.received_vnd"]) = (1, 5_000_000);
        (expected["relief.activity_value_vnd"], expected["relief.beneficiaries.reached"]) = (1_500_000, 1);

        await AddressOpenedAndReviewedAsync(page);
        expected["relief.addresses.active"] = 1;

        await BloodDonationThenOneRefusedAsync(page);
        (expected["campaign.blood.donations"], expected["campaign.blood.volume_ml"]) = (1, 350);

        await NominatedAndApprovedAsync(page);
        (expected["awards.commendations.collective"], expected["awards.cash_vnd"]) = (1, 750_000);

        await PreviewShowsAsync(page, expected);
        await Pages.CheckAsync(page, "report-after-the-year", frames: false);
    }

    private async Task RegisterMemberAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Hội viên", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký hội viên" }).ClickAsync();
        await page.GetByLabel("Họ và tên").FillAsync("Hà Thị Cả Năm");
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("02/09/1992");
        await page.GetByLabel("Đơn vị").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hà Thị Cả Năm");
    }

    private async Task ImportMembersAsync(IPage page)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hoi-vien-ca-nam-{Guid.NewGuid():N}.xlsx");
        Dictionary<string, object> Row(string name, string birth, string unit) => new()
        {
            ["full_name"] = name, ["birth_date"] = birth, ["sex"] = "male", ["org_unit"] = unit, ["joined_date"] = Typed(Today),
        };
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, new[]
        {
            Row("Nhập Cả Năm Một", "12/03/1990", "01834"), Row("Nhập Cả Năm Ngày Sai", "30/02/1991", "01834"),
            Row("Nhập Cả Năm Hai", "01/01/1985", "058"), Row("Nhập Cả Năm Huyện Khác", "05/05/1995", "060"),
            Row("Nhập Cả Năm Ba", "20/10/2001", "01837"),
        });
        try
        {
            await page.GotoAsync(deployment.Url + "/members");
            await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ tệp Excel/CSV" }).ClickAsync();
            await page.Locator("#file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("p.summary")).ToHaveTextAsync(
                "Đã lưu 3 hội viên mới, 0 dòng đã có từ trước, 2 dòng bị từ chối.", new() { Timeout = 60_000 });
            var refused = page.Locator("tbody tr");
            await Assertions.Expect(refused).ToHaveCountAsync(2);
            await Assertions.Expect(refused.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("3");
            await Assertions.Expect(refused.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("5");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task DonationAndGiftAsync(IPage page)
    {
        await page.GotoAsync(deployment.Url + "/relief/beneficiaries/new");
        await page.GetByLabel("Họ và tên (chủ hộ, nếu là hộ)").FillAsync("Đàm Thị Nhận");
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("10/10/1948");
        await page.GetByLabel("Người cao tuổi", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Đơn vị (nơi cư trú)").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đàm Thị Nhận");
        var beneficiaryId = page.Url.Split('/')[^1].Split('?')[0];

        await page.GotoAsync(deployment.Url + "/relief/sponsors/new");
        await page.GetByLabel("Tên nhà tài trợ").FillAsync("Ngân hàng Nông nghiệp Bắc Kạn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await page.GotoAsync(deployment.Url + "/relief/donations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận tiếp nhận" }).ClickAsync();
        await page.GetByLabel("Nhà tài trợ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ngân hàng Nông nghiệp Bắc Kạn" });
        await page.GetByLabel("Số tiền, hoặc giá trị hiện vật (đồng)").FillAsync("5.000.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("5.000.000 đồng");

        await page.GetByRole(AriaRole.Link, new() { Name = "Trao quà từ khoản này" }).ClickAsync();
        await page.GetByLabel("Tìm người nhận theo tên (không cần dấu)").FillAsync("dam thi nhan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await page.GetByLabel("Người nhận", new() { Exact = true }).SelectOptionAsync(beneficiaryId);
        await page.GetByLabel("Số tiền, hoặc giá trị hiện vật (đồng)").FillAsync("1.500.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("3.500.000 đồng");
    }

    private async Task AddressOpenedAndReviewedAsync(IPage page)
    {
        await page.GotoAsync(deployment.Url + "/relief/addresses");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mở địa chỉ nhân đạo" }).ClickAsync();
        await page.GetByLabel("Tên gọi").FillAsync("Hộ ông Nông Văn Cả");
        await page.GetByLabel("Đơn vị theo dõi").SelectOptionAsync("01834");
        await page.GetByLabel("Hoàn cảnh (kết quả khảo sát)").FillAsync("Ông ở một mình, nhà tạm.");
        await page.GetByLabel("Nhu cầu cần giúp đỡ (được công khai)").FillAsync("Dựng lại nhà.");
        await page.GetByLabel("Ngày mở").FillAsync(Typed(ThisYear(60)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hộ ông Nông Văn Cả");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận rà soát" }).ClickAsync();
        await page.GetByLabel("Ngày rà soát (dd/mm/yyyy)").FillAsync(Typed(Today));
        await page.GetByLabel("Kết quả rà soát").SelectOptionAsync("still_eligible");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("#due")).ToHaveTextAsync(Typed(Today.AddYears(1)));
    }

    private async Task BloodDonationThenOneRefusedAsync(IPage page)
    {
        await page.GotoAsync(deployment.Url + "/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lập chiến dịch mới" }).ClickAsync();
        await page.GetByLabel("Tên chiến dịch").FillAsync("Hiến máu cả năm phường Đức Xuân");
        await page.Locator("#type").SelectOptionAsync("blood_donation");
        await page.Locator("#org_unit").SelectOptionAsync("058");
        await page.Locator("#start_date").FillAsync(Typed(ThisYear(40)));
        await page.Locator("#end_date").FillAsync(Typed(Today.AddDays(10)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hiến máu cả năm phường Đức Xuân");
        var campaignId = page.Url.Split('/')[^1].Split('?')[0];
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu chiến dịch" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Đang diễn ra")).ToBeVisibleAsync();

        await page.GotoAsync(deployment.Url + "/blood");
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký người hiến máu" }).ClickAsync();
        await page.GetByLabel("Họ và tên").FillAsync("Lục Văn Hiến");
        await page.Locator("#birth_date").FillAsync("15/04/1990");
        await page.Locator("#sex").SelectOptionAsync("male");
        await page.Locator("#weight_kg").FillAsync("58");
        await page.Locator("#blood_group").SelectOptionAsync("A+");
        await page.Locator("#org_unit").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lục Văn Hiến");
        var donorId = page.Url.Split('/')[^1].Split('?')[0];

        var firstDay = ThisYear(30);
        await page.GotoAsync(deployment.Url + "/blood/sessions?campaign=" + campaignId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm buổi hiến máu" }).ClickAsync();
        await page.Locator("#campaign_id").SelectOptionAsync(campaignId);
        await page.Locator("#org_unit").SelectOptionAsync("01834");
        await page.Locator("#held_on").FillAsync(Typed(firstDay));
        await page.Locator("#place").FillAsync("Hội trường phường Đức Xuân");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();

        await page.GotoAsync(deployment.Url + "/blood/donors/" + donorId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận lần hiến máu" }).ClickAsync();
        await page.Locator("#donated_on").FillAsync(Typed(firstDay));
        await page.Locator("#session_id").SelectOptionAsync(new SelectOptionValue { Label = $"{Typed(firstDay)}: Hội trường phường Đức Xuân" });
        await page.Locator("#component").SelectOptionAsync("whole_blood");
        await page.Locator("#volume_ml").FillAsync("350");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận lần hiến máu" }).ClickAsync();
        await page.Locator("#donated_on").FillAsync(Typed(Today));
        await page.Locator("#volume_ml").FillAsync("350");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var refusal = page.Locator("p.error[role=alert]");
        await Assertions.Expect(refusal).ToContainTextAsync("Chưa đủ thời gian tối thiểu giữa hai lần hiến máu.");
        await Assertions.Expect(refusal).ToContainTextAsync($"Người hiến có thể hiến lại từ ngày {Typed(firstDay.AddDays(84))}.");
    }

    private async Task NominatedAndApprovedAsync(IPage page)
    {
        await page.GotoAsync(deployment.Url + "/awards");
        await page.GetByRole(AriaRole.Link, new() { Name = "Đề nghị khen thưởng" }).ClickAsync();
        await page.Locator("#kind").SelectOptionAsync("org_unit");
        await page.Locator("#org_unit").SelectOptionAsync("01834");
        await page.Locator("#issuer_code").SelectOptionAsync(ProvincialRedCross);
        await page.Locator("#form_kind").SelectOptionAsync("certificate_of_merit");
        await page.Locator("#movement").SelectOptionAsync("blood_donation");
        await page.Locator("#proposer_org_unit").SelectOptionAsync("058");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đang soạn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trình", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Đã trình");

        var admin = await deployment.SignInAsync("admin06");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Thi đua", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Hội Chữ thập đỏ Nguyễn Thị Minh Khai (01834)" }).ClickAsync();
        await admin.Locator("#decision_number").FillAsync("27/QĐ-HCTĐ");
        await admin.Locator("#decision_date").FillAsync(Typed(Today));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToHaveTextAsync("Đã được khen thưởng");
        await admin.Context.CloseAsync();
    }

    /// <summary>Opens the report page for 058 and this year, as the officer would, until its preview shows every figure
    /// expected (reporting applies each write moments after it is stored).</summary>
    private async Task PreviewShowsAsync(IPage page, IReadOnlyDictionary<string, long> expected)
    {
        await Eventually.Until(async () =>
        {
            var shown = new Dictionary<string, long>();
            await page.GotoAsync(deployment.Url + "/report");
            await page.GetByLabel("Đơn vị", new() { Exact = true }).SelectOptionAsync("058");
            await page.GetByLabel("Năm", new() { Exact = true }).FillAsync(Today.Year.ToString(CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
            var preview = page.FrameLocator("iframe.preview");
            await Assertions.Expect(preview.Locator("body")).ToContainTextAsync(Today.Year.ToString(CultureInfo.InvariantCulture));
            foreach (var code in expected.Keys)
            {
                var text = await preview.Locator($"tr[data-code='{code}'] td:last-child").InnerTextAsync();
                shown[code] = long.Parse(new string([.. text.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);
            }

            return string.Join(", ", shown.Select(e => $"{e.Key}={e.Value}"));
        }, shown => shown == string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}")), TimeSpan.FromSeconds(90), "the preview to show every figure expected");
    }

    private async Task IssuerAsync()
    {
        var issuers = new Issuers.IssuersClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        await Eventually.OnceTheTreeIsKnown(() => issuers.CreateIssuerAsync(new()
        {
            Issuer = new()
            {
                Code = ProvincialRedCross, Kind = "provincial_red_cross", OrgUnit = "06", Name = "Hội Chữ thập đỏ tỉnh Bắc Kạn",
                Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = 750_000, CashIndividualVnd = 400_000 } },
            },
        }).ResponseAsync, "awards to know the province");
    }
}
