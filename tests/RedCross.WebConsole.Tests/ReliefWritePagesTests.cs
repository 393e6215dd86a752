using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedCross.Contracts.Relief.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>An officer of district 058 does relief's remaining writes through the pages alone: creates a cow bank
/// programme (a rule the API refuses said beside its field, nothing stored), gives a cow, passes its owed calf on;
/// records help for a humanitarian address and closes it (a day before its opening refused beside the date); reverses
/// a gift (an empty reason refused beside it) and the donation's balance rises back; imports a beneficiaries file
/// whose two bad rows are each shown with their reason while the others are stored. An officer of 060 opening these
/// pages for 058's records by URL finds nothing.</summary>
public sealed class ReliefWritePagesTests(ConsoleDeployment deployment) : IClassFixture<ConsoleDeployment>
{
    /// <summary>Waits under load: two cores shared by the monolith, Chromium and other work.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 60_000 };

    private static string Today => DateTime.UtcNow.AddHours(7).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private Grpc.Net.Client.GrpcChannel Officer058 => Channels.Local(deployment.GrpcPort, deployment.Tokens.DistrictOfficer058);

    [Fact]
    public async Task A_programme_created_a_cow_given_and_its_owed_calf_passed_on_through_the_pages()
    {
        var beneficiaries = new Beneficiaries.BeneficiariesClient(Officer058);
        var first = await beneficiaries.CreateBeneficiaryAsync(new()
        {
            Beneficiary = new() { Kind = "household", FullName = "Lộc Văn Nhận Bò", BirthDate = "1972-05-01", HouseholdSize = 5, Categories = { "poor" }, OrgUnit = "01840" },
        });
        var next = await beneficiaries.CreateBeneficiaryAsync(new()
        {
            Beneficiary = new() { Kind = "household", FullName = "Hoàng Thị Nhận Bê", BirthDate = "1980-09-09", HouseholdSize = 3, Categories = { "near_poor" }, OrgUnit = "01834" },
        });

        var page = await deployment.SignInAsync("officer058");
        await page.GotoAsync(deployment.Url + "/relief/cows");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tạo chương trình" }).ClickAsync();
        await Pages.CheckAsync(page, "cow-programme-form");
        await page.GetByLabel("Tên chương trình").FillAsync("Ngân hàng bò Huyện Thử Trang");
        await page.GetByLabel("Đơn vị thực hiện").SelectOptionAsync("058");

        // Youngest age above the due age: the API's rule, said beside the field; nothing stored.
        await page.GetByLabel("Bàn giao khi bê ít nhất (tháng tuổi)").FillAsync("13");
        await page.GetByLabel("Hạn bàn giao khi bê (tháng tuổi)").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#handover_min_age_months-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#handover_min_age_months-error")).ToContainTextAsync("handover_max_age_months");
        await Assertions.Expect(page.GetByLabel("Tên chương trình")).ToHaveValueAsync("Ngân hàng bò Huyện Thử Trang");
        await Pages.CheckAsync(page, "cow-programme-form-refused");
        var programmes = new LivestockProgrammes.LivestockProgrammesClient(Officer058);
        Assert.DoesNotContain((await programmes.ListLivestockProgrammesAsync(new() { PageSize = 1000 })).Programmes, p => p.Name == "Ngân hàng bò Huyện Thử Trang");

        await page.GetByLabel("Bàn giao khi bê ít nhất (tháng tuổi)").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.", Slow);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ngân hàng bò Huyện Thử Trang");
        await Pages.CheckAsync(page, "cow-programme-created");
        var programme = Assert.Single((await programmes.ListLivestockProgrammesAsync(new() { PageSize = 1000 })).Programmes, p => p.Name == "Ngân hàng bò Huyện Thử Trang");
        Assert.Equal(("058", "cow", 1, "female", 6, 12), (programme.OrgUnit, programme.Species, programme.HandbackCalf, programme.RequiredSex, programme.HandoverMinAgeMonths, programme.HandoverMaxAgeMonths));

        // A cow given to the first household.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cấp con giống cho hộ" }).ClickAsync();
        await page.GetByLabel("Tìm hộ nhận theo tên (không cần dấu)").FillAsync("loc van nhan bo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Pages.CheckAsync(page, "cow-give-form");
        await page.GetByLabel("Hộ nhận", new() { Exact = true }).SelectOptionAsync(first.Id);
        await page.GetByLabel("Số tai").FillAsync("HTT-001");
        await page.GetByLabel("Hoặc tuổi khi cấp (tháng)").FillAsync("24");
        await page.GetByLabel("Ngày cấp (dd/mm/yyyy)").FillAsync("01/03/2025");
        await page.GetByLabel("Giá trị (đồng), nếu có").FillAsync("15.000.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.", Slow);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bò HTT-001");
        await Assertions.Expect(page.GetByText("15.000.000 đồng")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "cow-given");
        var livestock = new Livestock.LivestockClient(Officer058);
        var cow = Assert.Single((await livestock.ListAnimalsAsync(new() { ProgrammeId = programme.Id })).Animals);
        Assert.Equal((first.Id, "female", "2025-03-01", 15_000_000L, "given"), (cow.HolderBeneficiaryId, cow.Sex, cow.HeldSince, cow.ValueVnd, cow.Status));
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận bán hoặc chết" }).ClickAsync();
        await Pages.CheckAsync(page, "cow-outcome-form");

        // Its first calf, female, is owed; twenty months old, it is passed on to the next household.
        var calf = (await livestock.RecordBirthAsync(new() { MotherId = cow.Id, CalfTag = "HTT-001-1", Sex = "female", BornOn = "2025-04-10" })).Calf;
        await page.GotoAsync(deployment.Url + "/relief/cows/animals/" + calf.Id);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bàn giao bê cho hộ tiếp theo" }).ClickAsync();
        await page.GetByLabel("Tìm hộ nhận theo tên (không cần dấu)").FillAsync("hoang thi nhan be");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Pages.CheckAsync(page, "calf-pass-on-form");
        await page.GetByLabel("Hộ nhận", new() { Exact = true }).SelectOptionAsync(next.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.", Slow);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hoàng Thị Nhận Bê" })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "calf-passed-on");
        var passed = await livestock.GetAnimalAsync(new() { Id = calf.Id });
        Assert.Equal((next.Id, "handed_over"), (passed.HolderBeneficiaryId, passed.Status));
        var obligation = Assert.Single((await livestock.ListHandoverObligationsAsync(new() { ProgrammeId = programme.Id })).Obligations);
        Assert.Equal(("fulfilled", next.Id), (obligation.State, obligation.RecipientBeneficiaryId));
    }

    [Fact]
    public async Task An_address_gets_help_recorded_then_is_closed_a_day_before_its_opening_refused_beside_the_date()
    {
        var addresses = new HumanitarianAddresses.HumanitarianAddressesClient(Officer058);
        var address = await addresses.CreateHumanitarianAddressAsync(new()
        {
            HumanitarianAddress = new() { OrgUnit = "01837", DisplayName = "Hộ ông Triệu Văn Đóng", Situation = "Già yếu, sống một mình.", Needs = "Gạo hằng tháng.", OpenedOn = "2025-06-01" },
        });

        var page = await deployment.SignInAsync("officer058");
        await page.GotoAsync(deployment.Url + "/relief/addresses/" + address.Id);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận trợ giúp" }).ClickAsync();
        await Pages.CheckAsync(page, "address-assistance-form");
        await page.GetByLabel("Hình thức").SelectOptionAsync("service");
        await page.GetByLabel("Số tiền, hoặc giá trị (đồng)").FillAsync("2.500.000");
        await page.GetByLabel("Ghi chú").FillAsync("Sửa mái nhà.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.", Slow);
        await Assertions.Expect(page.GetByText("2.500.000 đồng")).ToBeVisibleAsync();
        Assert.Equal(2_500_000, Assert.Single((await addresses.GetHumanitarianAddressAsync(new() { Id = address.Id })).Assistance).ValueVnd);

        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm cam kết nhà tài trợ" }).ClickAsync();
        await Pages.CheckAsync(page, "address-commitment-form");

        // Closed the day before it was opened: refused beside the date, the address stays open.
        await page.GotoAsync(deployment.Url + "/relief/addresses/" + address.Id);
        await page.GetByRole(AriaRole.Link, new() { Name = "Đóng địa chỉ" }).ClickAsync();
        await Pages.CheckAsync(page, "address-close-form");
        await page.GetByLabel("Lý do đóng").SelectOptionAsync("deceased");
        await page.GetByLabel("Ngày đóng (dd/mm/yyyy)").FillAsync("31/05/2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đóng địa chỉ" }).ClickAsync();
        await Assertions.Expect(page.Locator("#closed_on-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#closed_on-error")).ToContainTextAsync("2025-06-01");
        await Pages.CheckAsync(page, "address-close-form-refused");
        Assert.Equal("open", (await addresses.GetHumanitarianAddressAsync(new() { Id = address.Id })).Status);

        await page.GetByLabel("Ngày đóng (dd/mm/yyyy)").FillAsync(Today);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đóng địa chỉ" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.", Slow);
        await Assertions.Expect(page.GetByText($"Đã đóng ({Today}, Đã mất)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Đóng địa chỉ" })).ToHaveCountAsync(0);
        await Pages.CheckAsync(page, "address-closed");
        var closed = await addresses.GetHumanitarianAddressAsync(new() { Id = address.Id });
        Assert.Equal(("closed", "deceased", DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (closed.Status, closed.CloseReason, closed.ClosedOn));
    }

    [Fact]
    public async Task A_gift_reversed_with_its_reason_gives_its_value_back_to_the_donation()
    {
        var beneficiary = await new Beneficiaries.BeneficiariesClient(Officer058).CreateBeneficiaryAsync(new()
        {
            Beneficiary = new() { Kind = "person", FullName = "Bế Thị Hoàn", BirthDate = "1948-08-08", Categories = { "elderly" }, OrgUnit = "01834" },
        });
        var sponsor = await new Sponsors.SponsorsClient(Officer058).CreateSponsorAsync(new() { Sponsor = new() { Kind = "organisation", DisplayName = "Công ty Hoàn Trả", OrgUnit = "058" } });
        var donations = new Donations.DonationsClient(Officer058);
        var donation = await donations.CreateDonationAsync(new() { Donation = new() { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = 2_000_000 } });
        var distributions = new Distributions.DistributionsClient(Officer058);
        var gift = await distributions.CreateDistributionAsync(new()
        {
            Distribution = new()
            {
                BeneficiaryId = beneficiary.Id, Kind = "cash", ValueVnd = 700_000, SourceKind = "donation", DonationId = donation.Id,
                HandedOverAt = DateTime.UtcNow.AddHours(7).AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            },
        });
        Assert.Equal(1_300_000, (await donations.GetDonationAsync(new() { Id = donation.Id })).RemainingVnd);

        var page = await deployment.SignInAsync("officer058");
        await page.GotoAsync(deployment.Url + "/relief/gifts/" + gift.Id);
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("1.300.000 đồng");
        await page.GetByRole(AriaRole.Link, new() { Name = "Huỷ quà này (ghi nhầm, trả lại)" }).ClickAsync();
        await Assertions.Expect(page.GetByText("700.000 đồng", new() { Exact = false })).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "gift-reverse-form");

        // No reason: refused beside it, the gift still counts.
        await page.GetByRole(AriaRole.Button, new() { Name = "Huỷ quà" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "gift-reverse-form-refused");
        Assert.False((await distributions.GetDistributionAsync(new() { Id = gift.Id })).Reversed);

        await page.GetByLabel("Lý do huỷ").FillAsync("Ghi nhầm người nhận.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Huỷ quà" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.", Slow);
        await Assertions.Expect(page.Locator("#reversed")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync("2.000.000 đồng");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Huỷ quà này (ghi nhầm, trả lại)" })).ToHaveCountAsync(0);
        await Pages.CheckAsync(page, "gift-reversed");
        Assert.True((await distributions.GetDistributionAsync(new() { Id = gift.Id })).Reversed);
        Assert.Equal(2_000_000, (await donations.GetDonationAsync(new() { Id = donation.Id })).RemainingVnd);
    }

    [Fact]
    public async Task A_beneficiaries_file_with_two_bad_rows_stores_the_others_and_shows_each_refusal_with_its_reason()
    {
        var file = Path.Combine(Path.GetTempPath(), $"doi-tuong-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n",
            "full_name,birth_date,categories,org_unit,kind,household_size",
            "Nhập Đối Tượng Một,12/03/1950,poor;elderly,01834,,",
            "Nhập Đối Tượng Hai,01/01/1960,disabled,058,household,4",
            "Nhập Đối Tượng Ngày Sai,31/02/1990,poor,058,,",
            "Nhập Đối Tượng Diện Sai,05/05/1955,giau_co,01834,,",
            "Nhập Đối Tượng Ba,20/10/1945,war_invalid,01840,,") + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var page = await deployment.SignInAsync("officer058");
            await page.GotoAsync(deployment.Url + "/relief/beneficiaries");
            await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ tệp Excel/CSV" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nhập danh sách đối tượng từ tệp");
            await Pages.CheckAsync(page, "beneficiary-import");
            await page.Locator("#file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();

            await Assertions.Expect(page.Locator("p.summary")).ToHaveTextAsync(
                "Đã lưu 3 đối tượng mới, 0 dòng đã có từ trước, 2 dòng bị từ chối.", Slow);
            var refusals = page.Locator("tbody tr");
            await Assertions.Expect(refusals).ToHaveCountAsync(2);
            await Assertions.Expect(refusals.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("4");
            await Assertions.Expect(refusals.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("birth_date");
            Assert.NotEmpty((await refusals.Nth(0).Locator("td").Nth(2).InnerTextAsync()).Trim());
            await Assertions.Expect(refusals.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("5");
            await Assertions.Expect(refusals.Nth(1).Locator("td").Nth(1)).ToContainTextAsync("categories");
            await Assertions.Expect(refusals.Nth(1).Locator("td").Nth(2)).ToContainTextAsync("giau_co");
            await Pages.CheckAsync(page, "beneficiary-import-done");

            var beneficiaries = new Beneficiaries.BeneficiariesClient(Officer058);
            var stored = (await beneficiaries.ListBeneficiariesAsync(new() { Query = "nhap doi tuong", PageSize = 100 })).Beneficiaries;
            Assert.Equal(new[] { "Nhập Đối Tượng Ba", "Nhập Đối Tượng Hai", "Nhập Đối Tượng Một" }, stored.Select(b => b.FullName).Order(StringComparer.Ordinal));
            var household = Assert.Single(stored, b => b.FullName == "Nhập Đối Tượng Hai");
            Assert.Equal(("household", 4, "1960-01-01"), (household.Kind, household.HouseholdSize, household.BirthDate));
            Assert.Equal(new[] { "elderly", "poor" }, stored.Single(b => b.FullName == "Nhập Đối Tượng Một").Categories.Order(StringComparer.Ordinal));

            // The job is the session's and this kind's: the member import's page does not show it.
            var jobId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await page.GotoAsync(deployment.Url + "/members/import/" + jobId);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_officer_of_060_finds_none_of_058s_write_pages_by_editing_the_url()
    {
        var officer = Officer058;
        var beneficiary = await new Beneficiaries.BeneficiariesClient(officer).CreateBeneficiaryAsync(new()
        {
            Beneficiary = new() { Kind = "person", FullName = "Nông Văn Kín", BirthDate = "1962-03-03", Categories = { "war_invalid" }, OrgUnit = "01843" },
        });
        var sponsor = await new Sponsors.SponsorsClient(officer).CreateSponsorAsync(new() { Sponsor = new() { Kind = "individual", DisplayName = "Bà Kín Đáo", OrgUnit = "058" } });
        var donation = await new Donations.DonationsClient(officer).CreateDonationAsync(new() { Donation = new() { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = 3_000_000 } });
        var gift = await new Distributions.DistributionsClient(officer).CreateDistributionAsync(new()
        {
            Distribution = new()
            {
                BeneficiaryId = beneficiary.Id, Kind = "cash", ValueVnd = 400_000, SourceKind = "donation", DonationId = donation.Id,
                HandedOverAt = DateTime.UtcNow.AddHours(7).AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            },
        });
        var address = await new HumanitarianAddresses.HumanitarianAddressesClient(officer).CreateHumanitarianAddressAsync(new()
        {
            HumanitarianAddress = new() { OrgUnit = "01843", BeneficiaryId = beneficiary.Id, DisplayName = "Gia đình ông Nông Văn Kín", Situation = "Thương binh.", Needs = "Thăm hỏi." },
        });
        var programme = await new LivestockProgrammes.LivestockProgrammesClient(officer).CreateLivestockProgrammeAsync(new()
        {
            Programme = new() { OrgUnit = "01843", Name = "Bò giống Kín", HandbackCalf = 1, RequiredSex = "female", HandoverMinAgeMonths = 6, HandoverMaxAgeMonths = 12 },
        });
        var cow = await new Livestock.LivestockClient(officer).GiveAnimalAsync(new()
        {
            ProgrammeId = programme.Id, RecipientBeneficiaryId = beneficiary.Id, Tag = "KIN-01", Sex = "female", AgeMonths = 20, GivenOn = "2026-01-15",
        });
        string[] pages =
        [
            $"/relief/cows/programmes/{programme.Id}/give", $"/relief/cows/animals/{cow.Id}/pass-on", $"/relief/cows/animals/{cow.Id}/outcome",
            $"/relief/addresses/{address.Id}/close", $"/relief/addresses/{address.Id}/commitment", $"/relief/addresses/{address.Id}/assistance",
            $"/relief/gifts/{gift.Id}/reverse",
        ];

        var other = await deployment.SignInAsync("officer060");
        foreach (var path in pages)
        {
            var response = await other.GotoAsync(deployment.Url + path);
            Assert.True(response!.Status == (int)HttpStatusCode.NotFound, $"{path}: {response.Status}");
            await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
            var html = await other.ContentAsync();
            Assert.DoesNotContain("Nông Văn Kín", html);
            Assert.DoesNotContain("KIN-01", html);
            Assert.DoesNotContain("Bò giống Kín", html);
        }

        await Pages.CheckAsync(other, "relief-write-not-found");

        // The same pages open for their own district: the refusals above are the scope, not broken pages.
        var own = await deployment.SignInAsync("officer058");
        foreach (var path in pages)
        {
            var response = await own.GotoAsync(deployment.Url + path);
            Assert.True(response!.Status == (int)HttpStatusCode.OK, $"{path}: {response.Status}");
            Assert.Matches(new Regex("Nông Văn Kín|KIN-01|Bò giống Kín"), await own.ContentAsync());
        }
    }
}
