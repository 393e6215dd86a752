using RedCross.Contracts.Relief.V1;

namespace RedCross.Demo;

/// <summary>The town's relief year: sponsors, the Viettel list's 500 people and 200 near-poor households, the Tết gifts
/// from Bắc Kạn Electricity's donation, the cow bank's four cows and the humanitarian addresses with their assistance
/// and (too few) reviews.</summary>
internal sealed class ReliefPart(DemoChannels channels, DemoPeople people, IProgress<string> progress)
{
    private static readonly string[] AddressSituations =
    [
        "Người cao tuổi sống một mình, bệnh mãn tính", "Hộ nghèo, chủ hộ là thương binh", "Trẻ mồ côi sống cùng bà ngoại",
        "Người khuyết tật nặng, không có khả năng lao động", "Gia đình có người nhiễm chất độc da cam",
    ];

    private readonly Sponsors.SponsorsClient sponsors = new(channels.Town);
    private readonly Beneficiaries.BeneficiariesClient beneficiaries = new(channels.Town);

    public string ViettelSponsorId { get; private set; } = string.Empty;

    public async Task LoadPeopleAsync(CancellationToken ct)
    {
        ViettelSponsorId = await Sponsor("Viettel Bắc Kạn", "demo-sponsor-viettel", ct);
        // Both lists were drawn up in 2013 (the near-poor households before their Tết gifts, the Viettel list before its
        // programme), so the 2013 report counts all 700 as newly registered whatever day the demo is loaded.
        var listed = await Register(DemoScenario.ViettelListSize, i => [DemoScenario.ViettelCategories[i % DemoScenario.ViettelCategories.Length]], "list", Dates.On(7, 1), ct);
        progress.Report($"beneficiaries: {listed.Count} for the Viettel list");
        var nearPoor = await Register(DemoScenario.TetGifts, _ => ["near_poor"], "tet", Dates.On(1, 15), ct);
        progress.Report($"beneficiaries: {nearPoor.Count} near-poor households");
        await TetGiftsAsync(nearPoor, ct);
        await CowBankAsync(nearPoor.Take(DemoScenario.Cows).ToList(), ct);
        await AddressesAsync(ct);
    }

    /// <summary>The Viettel programme's gifts, handed over by the sponsor at the Red Cross's event to the list the campaign drew.</summary>
    public async Task ViettelGiftsAsync(string campaignId, IReadOnlyList<string> list, CancellationToken ct)
    {
        var batch = new BatchCreateDistributionsRequest { RequestId = "demo-viettel-gifts" };
        batch.Requests.AddRange(list.Select(id => new CreateDistributionRequest
        {
            Distribution = new Distribution
            {
                BeneficiaryId = id, Kind = "goods", Item = "Quà tặng (gạo, dầu ăn, sữa)", Quantity = 1, QuantityUnit = "suất",
                ValueVnd = DemoScenario.ViettelGiftVnd, SourceKind = "sponsor_direct", SponsorId = ViettelSponsorId,
                CampaignRef = campaignId, HandedOverAt = $"{Dates.On(8, 18).Iso()}T08:30",
            },
        }));
        await new Distributions.DistributionsClient(channels.Town).BatchCreateDistributionsAsync(batch, cancellationToken: ct);
        progress.Report($"Viettel gifts: {list.Count} handed over");
    }

    private async Task<string> Sponsor(string name, string requestId, CancellationToken ct) =>
        (await Demo.OnceKnown(() => sponsors.CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = name, OrgUnit = DemoScenario.Town }, RequestId = requestId,
        }, cancellationToken: ct).ResponseAsync, ct)).Id;

    private async Task<List<string>> Register(int count, Func<int, string[]> categories, string tag, DateOnly registeredOn, CancellationToken ct)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var created = await Demo.Distinct(people, person => beneficiaries.CreateBeneficiaryAsync(new CreateBeneficiaryRequest
            {
                Beneficiary = new Beneficiary
                {
                    Kind = tag == "tet" ? "household" : "person",
                    FullName = person.FullName,
                    Sex = person.Sex,
                    BirthDate = people.BirthDate(1925, 1970).Iso(),
                    HouseholdSize = tag == "tet" ? people.Between(2, 6) : 1,
                    Categories = { categories(i) },
                    OrgUnit = DemoScenario.Communes[i % DemoScenario.Communes.Length],
                    RegisteredOn = registeredOn.Iso(),
                },
                RequestId = $"demo-beneficiary-{tag}-{i}",
            }, cancellationToken: ct).ResponseAsync);
            ids.Add(created.Id);
        }

        return ids;
    }

    private async Task TetGiftsAsync(IReadOnlyList<string> households, CancellationToken ct)
    {
        var electricity = await Sponsor("Công ty Điện lực Bắc Kạn", "demo-sponsor-electricity", ct);
        var donation = await new Donations.DonationsClient(channels.Town).CreateDonationAsync(new CreateDonationRequest
        {
            Donation = new Donation
            {
                SponsorId = electricity, OrgUnit = DemoScenario.Town, Kind = "cash", ValueVnd = DemoScenario.ElectricityDonationVnd,
                ReceivedOn = Dates.On(1, 21).Iso(),
            },
            RequestId = "demo-donation-electricity",
        }, cancellationToken: ct);
        var batch = new BatchCreateDistributionsRequest { RequestId = "demo-tet-gifts" };
        batch.Requests.AddRange(households.Select(id => new CreateDistributionRequest
        {
            Distribution = new Distribution
            {
                BeneficiaryId = id, Kind = "cash", ValueVnd = DemoScenario.TetGiftVnd, SourceKind = "donation", DonationId = donation.Id,
                HandedOverAt = $"{Dates.On(2, 4).Iso()}T14:00",
            },
        }));
        await new Distributions.DistributionsClient(channels.Town).BatchCreateDistributionsAsync(batch, cancellationToken: ct);
        progress.Report($"Tết gifts: {households.Count} households");
    }

    private async Task CowBankAsync(IReadOnlyList<string> households, CancellationToken ct)
    {
        var programme = await new LivestockProgrammes.LivestockProgrammesClient(channels.Town).CreateLivestockProgrammeAsync(new CreateLivestockProgrammeRequest
        {
            Programme = new LivestockProgramme
            {
                OrgUnit = DemoScenario.Town, Name = "Ngân hàng bò thị xã Bắc Kạn", Species = "cow", HandbackCalf = 1, RequiredSex = "female",
                HandoverMinAgeMonths = 6, HandoverMaxAgeMonths = 12,
            },
            RequestId = "demo-cow-bank",
        }, cancellationToken: ct);
        var livestock = new Livestock.LivestockClient(channels.Town);
        for (var i = 0; i < households.Count; i++)
        {
            await livestock.GiveAnimalAsync(new GiveAnimalRequest
            {
                ProgrammeId = programme.Id, RecipientBeneficiaryId = households[i], Tag = $"BK-2013-{i + 1:00}", Sex = "female", AgeMonths = 18,
                GivenOn = Dates.On(5, 10).Iso(), ValueVnd = DemoScenario.CowVnd, RequestId = $"demo-cow-{i}",
            }, cancellationToken: ct);
        }

        progress.Report($"cow bank: {households.Count} cows given");
    }

    /// <summary>24 addresses opened in 2012 with a 12-month review interval; only 9 are reviewed in 2013, so 15 are
    /// overdue at the end of the year (the seed's second weakness). Every address gets a Tết gift, one a second, one a
    /// house repair and one its hospital costs: 74,323,000 VND.</summary>
    private async Task AddressesAsync(CancellationToken ct)
    {
        var addresses = new HumanitarianAddresses.HumanitarianAddressesClient(channels.Town);
        for (var i = 0; i < DemoScenario.Addresses; i++)
        {
            var person = people.Next();
            var address = await addresses.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest
            {
                HumanitarianAddress = new HumanitarianAddress
                {
                    OrgUnit = DemoScenario.Communes[i % DemoScenario.Communes.Length], DisplayName = person.FullName, Phone = people.Phone(),
                    Address = $"Tổ {people.Between(1, 15)}", Situation = people.Pick(AddressSituations), Needs = "Hỗ trợ thường xuyên, thăm hỏi dịp lễ Tết",
                    OpenedOn = new DateOnly(2012, 1 + (i % 11), 5).Iso(), ReviewIntervalMonths = 12,
                },
                RequestId = $"demo-address-{i}",
            }, cancellationToken: ct);
            await Assist(addresses, address.Id, $"{i}-tet", Dates.On(2, 1), "cash", DemoScenario.AddressTetGiftVnd, "Quà Tết Quý Tỵ", ct);
            if (i == 0)
            {
                await Assist(addresses, address.Id, "0-repair", Dates.On(9, 12), "in_kind", DemoScenario.HouseRepairVnd, "Sửa chữa nhà ở", ct);
            }

            if (i == 1)
            {
                await Assist(addresses, address.Id, "1-hospital", Dates.On(6, 3), "cash", DemoScenario.HospitalCostsVnd, "Hỗ trợ viện phí", ct);
                await Assist(addresses, address.Id, "1-second", Dates.On(7, 27), "cash", DemoScenario.AddressTetGiftVnd, "Thăm hỏi ngày Thương binh - Liệt sĩ", ct);
            }

            if (i < DemoScenario.AddressesReviewedIn2013)
            {
                await addresses.ReviewAddressAsync(new ReviewAddressRequest
                {
                    AddressId = address.Id, RequestId = $"demo-address-review-{i}",
                    Review = new AddressReview { ReviewedOn = Dates.On(10, 15).Iso(), Outcome = "still_eligible", Note = "Rà soát định kỳ" },
                }, cancellationToken: ct);
            }
        }

        progress.Report($"humanitarian addresses: {DemoScenario.Addresses}, {DemoScenario.AddressesReviewedIn2013} reviewed in {DemoScenario.Year}");
    }

    private static Task Assist(HumanitarianAddresses.HumanitarianAddressesClient addresses, string id, string key, DateOnly on, string kind, long vnd, string note, CancellationToken ct) =>
        addresses.RecordAssistanceAsync(new RecordAssistanceRequest
        {
            AddressId = id, RequestId = $"demo-assistance-{key}",
            Entry = new AssistanceEntry { OnDate = on.Iso(), Kind = kind, ValueVnd = vnd, Note = note },
        }, cancellationToken: ct).ResponseAsync;
}
