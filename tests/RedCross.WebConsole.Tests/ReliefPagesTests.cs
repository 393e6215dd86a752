using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedCross.Contracts.Relief.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>An officer of district 058 does relief's work through the pages alone: registers a beneficiary and a
/// sponsor, records a donation, gives from it (a gift larger than what is left refused beside its value, nothing
/// stored; one gift and a list, the balance falling by each), opens a humanitarian address that is overdue at once,
/// reviews it (a review dated before the opening refused beside its date) and sees it leave the overdue list, and
/// records a calf in the cow bank. An officer of 060 finds none of it by editing a URL, nor in a list.</summary>
public sealed class ReliefPagesTests(ConsoleDeployment deployment) : IClassFixture<ConsoleDeployment>
{
    private Beneficiaries.BeneficiariesClient Beneficiaries058 => new(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));

    [Fact]
    public async Task A_donation_and_gifts_from_it_the_balance_falls_and_a_gift_beyond_it_is_refused_beside_its_value()
    {
        var page = await deployment.SignInAsync("officer058");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cứu trợ", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Công tác cứu trợ, trợ giúp nhân đạo");
        await Pages.CheckAsync(page, "relief");

        // A beneficiary, registered through the form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Đối tượng", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký đối tượng" }).ClickAsync();
        await Pages.CheckAsync(page, "beneficiary-form");
        await page.GetByLabel("Họ và tên (chủ hộ, nếu là hộ)").FillAsync("Lường Thị Quà");
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("15/03/1950");
        await page.GetByLabel("Hộ nghèo", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Người cao tuổi", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Đơn vị (nơi cư trú)").SelectOptionAsync("01834");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lường Thị Quà");
        await Assertions.Expect(page.GetByText("Người cao tuổi, Hộ nghèo")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "beneficiary");
        var beneficiaryId = IdIn(page.Url, "beneficiaries");
        var stored = await Beneficiaries058.GetBeneficiaryAsync(new() { Id = beneficiaryId });
        Assert.Equal(new[] { "elderly", "poor" }, stored.Categories.Order());
        Assert.Equal("1950-03-15", stored.BirthDate);

        // Found without typing diacritics.
        await page.GotoAsync(deployment.Url + "/relief/beneficiaries?q=luong thi qua");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lường Thị Quà" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "beneficiaries");

        // The sponsor, then the donation.
        await page.GotoAsync(deployment.Url + "/relief/sponsors/new");
        await Pages.CheckAsync(page, "sponsor-form");
        await page.GetByLabel("Tên nhà tài trợ").FillAsync("Viettel Bắc Kạn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Viettel Bắc Kạn" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "sponsors");

        await page.GotoAsync(deployment.Url + "/relief/donations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận tiếp nhận" }).ClickAsync();
        await Pages.CheckAsync(page, "donation-form");
        await page.GetByLabel("Nhà tài trợ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Viettel Bắc Kạn" });
        await page.GetByLabel("Số tiền, hoặc giá trị hiện vật (đồng)").FillAsync("5.000.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("5.000.000 đồng");
        await Pages.CheckAsync(page, "donation");
        var donationId = IdIn(page.Url, "donations");
        var donations = new Donations.DonationsClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));
        Assert.Equal(5_000_000, (await donations.GetDonationAsync(new() { Id = donationId })).ValueVnd);

        // A gift larger than what is left: refused beside the value, with the balance; nothing stored.
        await page.GetByRole(AriaRole.Link, new() { Name = "Trao quà từ khoản này" }).ClickAsync();
        await page.GetByLabel("Tìm người nhận theo tên (không cần dấu)").FillAsync("luong thi qua");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await page.GetByLabel("Người nhận", new() { Exact = true }).SelectOptionAsync(beneficiaryId);
        await Assertions.Expect(page.GetByLabel("Khoản tiếp nhận (nếu từ khoản tiếp nhận)")).ToHaveValueAsync(donationId);
        await Pages.CheckAsync(page, "gift-form");
        await page.GetByLabel("Số tiền, hoặc giá trị hiện vật (đồng)").FillAsync("6.000.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        var valueError = page.Locator("#value_vnd-error");
        await Assertions.Expect(valueError).ToBeVisibleAsync();
        await Assertions.Expect(valueError).ToContainTextAsync("5.000.000 đồng");
        await Assertions.Expect(page.GetByLabel("Số tiền, hoặc giá trị hiện vật (đồng)")).ToHaveValueAsync("6.000.000");
        await Pages.CheckAsync(page, "gift-form-refused");
        var distributions = new Distributions.DistributionsClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));
        Assert.Empty((await distributions.ListDistributionsAsync(new() { DonationId = donationId })).Distributions);

        // Within the balance: stored, and the balance falls by the gift's value.
        await page.GetByLabel("Số tiền, hoặc giá trị hiện vật (đồng)").FillAsync("1.500.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("3.500.000 đồng");
        await Pages.CheckAsync(page, "gift");
        var gift = Assert.Single((await distributions.ListDistributionsAsync(new() { DonationId = donationId })).Distributions);
        Assert.Equal((beneficiaryId, 1_500_000L), (gift.BeneficiaryId, gift.ValueVnd));

        await page.GotoAsync(deployment.Url + "/relief/donations/" + donationId);
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("3.500.000 đồng");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lường Thị Quà" })).ToBeVisibleAsync();

        // A list at once (here of one, chosen by category and name): all stored, the balance falls again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Trao theo danh sách" }).ClickAsync();
        await page.GetByLabel("Diện đối tượng").SelectOptionAsync("elderly");
        await page.GetByLabel("Tên (không cần dấu)").FillAsync("luong thi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await page.GetByLabel("Giá trị mỗi suất (đồng)").FillAsync("500000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu cả danh sách" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recipients-error")).ToBeVisibleAsync();
        await page.Locator($"#chosen-{beneficiaryId}").CheckAsync();
        await Pages.CheckAsync(page, "gift-list-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu cả danh sách" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("3.000.000 đồng");
        Assert.Equal(3_000_000, (await donations.GetDonationAsync(new() { Id = donationId })).RemainingVnd);

        await page.GotoAsync(deployment.Url + "/relief/donations");
        await Assertions.Expect(page.Locator($"[data-remaining='{donationId}']")).ToHaveTextAsync("3.000.000 đồng");
        await Pages.CheckAsync(page, "donations");
        await page.GotoAsync(deployment.Url + "/relief/gifts");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lường Thị Quà" })).ToHaveCountAsync(2);
        await Pages.CheckAsync(page, "gifts");
    }

    [Fact]
    public async Task An_address_opened_past_its_review_date_is_overdue_until_reviewed_a_review_before_the_opening_is_refused()
    {
        var page = await deployment.SignInAsync("officer058");
        await page.GotoAsync(deployment.Url + "/relief/addresses");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mở địa chỉ nhân đạo" }).ClickAsync();
        await Pages.CheckAsync(page, "address-form");
        await page.GetByLabel("Tên gọi").FillAsync("Hộ bà Hoàng Thị Én");
        await page.GetByLabel("Đơn vị theo dõi").SelectOptionAsync("01837");
        await page.GetByLabel("Hoàn cảnh (kết quả khảo sát)").FillAsync("Chồng mất, nuôi hai cháu nhỏ, nhà dột nát.");
        await page.GetByLabel("Nhu cầu cần giúp đỡ (được công khai)").FillAsync("Sửa mái nhà, học phí cho hai cháu.");
        // Opened two years ago, reviewed every 12 months: its first review was due a year ago.
        await page.GetByLabel("Ngày mở").FillAsync("01/12/2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hộ bà Hoàng Thị Én");
        await Assertions.Expect(page.Locator("#due")).ToHaveTextAsync("01/12/2025");
        await Assertions.Expect(page.Locator("#overdue")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "address");
        var addressId = IdIn(page.Url, "addresses");

        await page.GotoAsync(deployment.Url + "/relief/addresses/overdue");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hộ bà Hoàng Thị Én" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "addresses-overdue");

        // A review dated before the address was opened: refused beside the date, nothing stored.
        await page.GotoAsync(deployment.Url + "/relief/addresses/" + addressId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận rà soát" }).ClickAsync();
        await Pages.CheckAsync(page, "review-form");
        await page.GetByLabel("Ngày rà soát (dd/mm/yyyy)").FillAsync("30/11/2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reviewed_on-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#reviewed_on-error")).ToContainTextAsync("2024-12-01");
        await Pages.CheckAsync(page, "review-form-refused");
        var addresses = new HumanitarianAddresses.HumanitarianAddressesClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058));
        Assert.Empty((await addresses.GetHumanitarianAddressAsync(new() { Id = addressId })).Reviews);

        // Reviewed today: the next review is due in a year, and the address leaves the overdue list.
        var today = DateTime.UtcNow.AddHours(7);
        await page.GetByLabel("Ngày rà soát (dd/mm/yyyy)").FillAsync(today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.GetByLabel("Kết quả rà soát").SelectOptionAsync("still_eligible");
        await page.GetByLabel("Ghi chú").FillAsync("Mái nhà đã được sửa, hai cháu vẫn đi học.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("#due")).ToHaveTextAsync(today.AddYears(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#overdue")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Mái nhà đã được sửa, hai cháu vẫn đi học." })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "address-reviewed");
        Assert.Equal("still_eligible", Assert.Single((await addresses.GetHumanitarianAddressAsync(new() { Id = addressId })).Reviews).Outcome);

        await page.GotoAsync(deployment.Url + "/relief/addresses/overdue");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Địa chỉ nhân đạo quá hạn rà soát");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hộ bà Hoàng Thị Én" })).ToHaveCountAsync(0);
        // As of a day before the review, it was overdue: the list follows the day asked, not only today.
        await page.GotoAsync(deployment.Url + "/relief/addresses/overdue?as_of=" + today.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hộ bà Hoàng Thị Én" })).ToBeVisibleAsync();
        await page.GotoAsync(deployment.Url + "/relief/addresses");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hộ bà Hoàng Thị Én" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "addresses");
    }

    [Fact]
    public async Task A_calf_recorded_in_the_cow_bank_is_owed_by_the_household()
    {
        // The programme and the cow given are set up through the API (the console has no page for them yet).
        var officer = Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058);
        var household = await Beneficiaries058.CreateBeneficiaryAsync(new()
        {
            Beneficiary = new() { Kind = "household", FullName = "Hà Văn Nuôi", BirthDate = "1970-06-01", HouseholdSize = 4, Categories = { "poor" }, OrgUnit = "01840" },
        });
        var programme = await new LivestockProgrammes.LivestockProgrammesClient(officer).CreateLivestockProgrammeAsync(new()
        {
            Programme = new() { OrgUnit = "058", Name = "Ngân hàng bò thị xã Bắc Kạn", Species = "cow", HandbackCalf = 1, RequiredSex = "female", HandoverMinAgeMonths = 6, HandoverMaxAgeMonths = 12 },
        });
        var livestock = new Livestock.LivestockClient(officer);
        var cow = await livestock.GiveAnimalAsync(new()
        {
            ProgrammeId = programme.Id, RecipientBeneficiaryId = household.Id, Tag = "BK-058-001", Sex = "female", AgeMonths = 24, GivenOn = "2025-03-01", ValueVnd = 15_000_000,
        });

        var page = await deployment.SignInAsync("officer058");
        await page.GotoAsync(deployment.Url + "/relief/cows");
        await Pages.CheckAsync(page, "cows");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ngân hàng bò thị xã Bắc Kạn" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Hà Văn Nuôi" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "cow-programme");
        await page.GetByRole(AriaRole.Link, new() { Name = "BK-058-001" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bò BK-058-001");
        await Pages.CheckAsync(page, "cow");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận bê sinh" }).ClickAsync();
        await Pages.CheckAsync(page, "calf-form");
        await page.GetByLabel("Số tai của bê").FillAsync("BK-058-001-1");
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("10/04/2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bò BK-058-001-1");
        // The first female calf is owed: due at 12 months, 10/04/2026, so overdue today.
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "10/04/2026" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "calf");
        var calves = await livestock.ListAnimalsAsync(new() { MotherId = cow.Id });
        Assert.Equal("BK-058-001-1", Assert.Single(calves.Animals).Tag);

        await page.GotoAsync(deployment.Url + "/relief/cows/obligations?overdue=true");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hà Văn Nuôi" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "cow-obligations");
        await page.GotoAsync(deployment.Url + "/relief/cows/animals");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "BK-058-001-1" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "cow-animals");
    }

    [Fact]
    public async Task An_officer_of_060_finds_no_058_record_by_editing_the_url()
    {
        var officer = Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058);
        var beneficiary = await Beneficiaries058.CreateBeneficiaryAsync(new()
        {
            Beneficiary = new() { Kind = "person", FullName = "Nông Văn Riêng", BirthDate = "1961-02-02", Categories = { "war_invalid" }, OrgUnit = "01843" },
        });
        var sponsor = await new Sponsors.SponsorsClient(officer).CreateSponsorAsync(new() { Sponsor = new() { Kind = "individual", DisplayName = "Ông Mạnh Thường Quân", OrgUnit = "058" } });
        var donation = await new Donations.DonationsClient(officer).CreateDonationAsync(new() { Donation = new() { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = 2_000_000 } });
        var gift = await new Distributions.DistributionsClient(officer).CreateDistributionAsync(new()
        {
            Distribution = new()
            {
                BeneficiaryId = beneficiary.Id, Kind = "cash", ValueVnd = 700_000, SourceKind = "donation", DonationId = donation.Id,
                HandedOverAt = DateTime.UtcNow.AddHours(7).AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            },
        });
        var address = await new HumanitarianAddresses.HumanitarianAddressesClient(officer).CreateHumanitarianAddressAsync(new()
        {
            HumanitarianAddress = new() { OrgUnit = "01843", BeneficiaryId = beneficiary.Id, DisplayName = "Gia đình ông Nông Văn Riêng", Situation = "Thương binh, sống một mình.", Needs = "Thăm hỏi hằng tháng." },
        });
        var programme = await new LivestockProgrammes.LivestockProgrammesClient(officer).CreateLivestockProgrammeAsync(new()
        {
            Programme = new() { OrgUnit = "01843", Name = "Bò giống phường Phùng Chí Kiên", HandbackCalf = 1, RequiredSex = "female", HandoverMinAgeMonths = 6, HandoverMaxAgeMonths = 12 },
        });
        var cow = await new Livestock.LivestockClient(officer).GiveAnimalAsync(new()
        {
            ProgrammeId = programme.Id, RecipientBeneficiaryId = beneficiary.Id, Tag = "PCK-01", Sex = "female", AgeMonths = 20, GivenOn = "2026-01-15",
        });
        string[] records =
        [
            $"/relief/beneficiaries/{beneficiary.Id}", $"/relief/donations/{donation.Id}", $"/relief/gifts/{gift.Id}", $"/relief/addresses/{address.Id}",
            $"/relief/addresses/{address.Id}/review", $"/relief/cows/animals/{cow.Id}", $"/relief/cows/animals/{cow.Id}/birth",
        ];
        string[] lists = ["/relief/beneficiaries?q=nong van rieng", "/relief/donations", "/relief/gifts", "/relief/addresses", "/relief/cows/animals"];

        var other = await deployment.SignInAsync("officer060");
        foreach (var path in records)
        {
            var response = await other.GotoAsync(deployment.Url + path);
            Assert.True(response!.Status == (int)HttpStatusCode.NotFound, $"{path}: {response.Status}");
            await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
            var html = await other.ContentAsync();
            Assert.DoesNotContain("Nông Văn Riêng", html);
            Assert.DoesNotContain("2.000.000", html);
        }

        await Pages.CheckAsync(other, "relief-not-found");
        foreach (var list in lists)
        {
            await other.GotoAsync(deployment.Url + list);
            await Assertions.Expect(other.Locator("h1")).Not.ToHaveTextAsync("Không tìm thấy");
            var html = await other.ContentAsync();
            Assert.DoesNotContain("Nông Văn Riêng", html);
            Assert.DoesNotContain("Mạnh Thường Quân", html);
        }

        // The same addresses show the records to their own district: the refusals above are the scope, not broken pages.
        var own = await deployment.SignInAsync("officer058");
        foreach (var path in records)
        {
            var response = await own.GotoAsync(deployment.Url + path);
            Assert.True(response!.Status == (int)HttpStatusCode.OK, $"{path}: {response.Status}");
            Assert.Contains("Nông Văn Riêng", await own.ContentAsync());
        }

        foreach (var list in lists)
        {
            await own.GotoAsync(deployment.Url + list);
            var html = await own.ContentAsync();
            Assert.True(html.Contains("Nông Văn Riêng", StringComparison.Ordinal) || html.Contains("Mạnh Thường Quân", StringComparison.Ordinal), list);
        }
    }

    /// <summary>The record's id from its page's address (`/relief/donations/{id}?saved=…`).</summary>
    private static string IdIn(string url, string collection) => Regex.Match(url, $"/relief/{collection}/([0-9a-f-]{{36}})").Groups[1].Value is { Length: 36 } id
        ? id
        : throw new Xunit.Sdk.XunitException($"no {collection} id in {url}");
}
