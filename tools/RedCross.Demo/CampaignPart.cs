using RedCross.Contracts.Campaign.V1;

namespace RedCross.Demo;

/// <summary>The town's programmes with its partners: the Viettel health-check-and-gifts programme for 500 people, the
/// health sector's examinations and consultations (3,126 visits in all) and its 24 communication sessions (meetings, not
/// visits), the blood donation movement
/// and the pupils' summer activities.</summary>
internal sealed class CampaignPart(DemoChannels channels, DemoPeople people, IProgress<string> progress)
{
    private readonly Campaigns.CampaignsClient campaigns = new(channels.Town);

    public string ViettelId { get; private set; } = string.Empty;

    /// <summary>The Viettel programme first: relief's gifts name it.</summary>
    public async Task OpenViettelAsync(CancellationToken ct)
    {
        ViettelId = await Open("health_check", "Khám bệnh, tư vấn sức khỏe và tặng quà cho 500 đối tượng chính sách - Viettel Bắc Kạn",
            Dates.On(8, 17), Dates.On(8, 18), "viettel", ct,
            Partner("Viettel Bắc Kạn", "company", "Nhà tài trợ: khám bệnh miễn phí và quà tặng"),
            Partner("Trung tâm Y tế thị xã Bắc Kạn", "health_sector", "Khám bệnh, tư vấn sức khỏe"));
    }

    /// <summary>Draws the Viettel list from relief (once) and returns its beneficiaries' ids.</summary>
    public async Task<IReadOnlyList<string>> DrawViettelListAsync(CancellationToken ct)
    {
        var drawn = await campaigns.ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = ViettelId, PageSize = 1 }, cancellationToken: ct);
        if (drawn.Total == 0)
        {
            await campaigns.DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
            {
                CampaignId = ViettelId, OrgUnit = DemoScenario.Town, Categories = { DemoScenario.ViettelCategories }, Limit = DemoScenario.ViettelListSize,
            }, cancellationToken: ct);
        }

        var ids = new List<string>();
        var page = string.Empty;
        do
        {
            var list = await campaigns.ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = ViettelId, PageSize = 200, PageToken = page }, cancellationToken: ct);
            ids.AddRange(list.Beneficiaries.Select(b => b.BeneficiaryId));
            page = list.NextPageToken;
        }
        while (page.Length > 0);
        progress.Report($"Viettel list: {ids.Count} beneficiaries drawn from relief");
        return ids;
    }

    public async Task LoadProgrammesAsync(CancellationToken ct)
    {
        await Result(ViettelId, "viettel", Dates.On(8, 18), new CampaignFigures { PeopleServed = 500, Examinations = 500, Consultations = 500 }, ct);
        await Close(ViettelId, Dates.On(8, 31), ct);

        var checks = await Open("health_check", "Khám chữa bệnh nhân đạo cho nhân dân và học sinh", Dates.On(3, 1), Dates.On(11, 30), "checks", ct,
            Partner("Phòng Y tế thị xã Bắc Kạn", "health_sector", "Khám chữa bệnh"), Partner("Trường THCS Bắc Kạn", "school", "Khám sức khỏe học sinh"));
        await Result(checks, "checks-1", Dates.On(5, 30), new CampaignFigures { PeopleServed = 600, Examinations = 600 }, ct);
        await Result(checks, "checks-2", Dates.On(11, 30), new CampaignFigures { PeopleServed = 1_126, Examinations = 1_126 }, ct);
        await Close(checks, Dates.On(12, 5), ct);

        var consultations = await Open("health_consultation", "Tư vấn sức khỏe cho người cao tuổi", Dates.On(9, 1), Dates.On(10, 31), "consultations", ct,
            Partner("Trung tâm Y tế thị xã Bắc Kạn", "health_sector", "Tư vấn sức khỏe"));
        await Result(consultations, "consultations", Dates.On(10, 31), new CampaignFigures { PeopleServed = 400, Consultations = 400 }, ct);
        await Close(consultations, Dates.On(11, 5), ct);

        var prevention = await Open("disease_prevention", "Tuyên truyền phòng chống dịch bệnh và vệ sinh môi trường", Dates.On(4, 1), Dates.On(9, 30), "prevention", ct,
            Partner("Trung tâm Y tế dự phòng tỉnh Bắc Kạn", "health_sector", "Truyền thông phòng bệnh"));
        await Result(prevention, "prevention", Dates.On(9, 30), new CampaignFigures { PeopleServed = 2_400, CommunicationSessions = 24 }, ct);
        await Close(prevention, Dates.On(10, 2), ct);

        var summer = await Open("summer_activities", "Hoạt động hè cho học sinh năm 2013", Dates.On(6, 1), Dates.On(8, 15), "summer", ct,
            Partner("Phòng Giáo dục và Đào tạo thị xã Bắc Kạn", "school", "Tổ chức sinh hoạt hè"));
        await Result(summer, "summer", Dates.On(8, 15), new CampaignFigures { PeopleServed = 850 }, ct);
        await Close(summer, Dates.On(8, 20), ct);
        progress.Report("programmes: health checks, consultations, communication and summer activities");

        await BloodDonationAsync(ct);
    }

    private async Task BloodDonationAsync(CancellationToken ct)
    {
        var campaign = await Open("blood_donation", "Hiến máu tình nguyện năm 2013", Dates.On(6, 14), Dates.On(6, 14), "blood", ct,
            Partner("Bệnh viện Đa khoa tỉnh Bắc Kạn", "health_sector", "Tiếp nhận máu"));
        var session = await new BloodSessions.BloodSessionsClient(channels.Town).CreateBloodSessionAsync(new CreateBloodSessionRequest
        {
            Session = new BloodSession { CampaignId = campaign, OrgUnit = DemoScenario.Town, HeldOn = Dates.On(6, 14).Iso(), Place = "Nhà văn hóa thị xã Bắc Kạn" },
            RequestId = "demo-blood-session",
        }, cancellationToken: ct);
        var donors = new BloodDonors.BloodDonorsClient(channels.Town);
        var donations = new BloodDonations.BloodDonationsClient(channels.Town);
        string[] groups = ["O+", "O+", "A+", "B+", "AB+", "O-"];
        for (var i = 0; i < DemoScenario.BloodDonors; i++)
        {
            var weight = people.Between(50, 72);
            var donor = await Demo.Distinct(people, person => donors.CreateBloodDonorAsync(new CreateBloodDonorRequest
            {
                Donor = new BloodDonor
                {
                    FullName = person.FullName, Sex = person.Sex, BirthDate = people.BirthDate(1965, 1993).Iso(), WeightKg = weight,
                    BloodGroup = groups[i % groups.Length], OrgUnit = DemoScenario.Communes[i % DemoScenario.Communes.Length], Phone = people.Phone(),
                },
                RequestId = $"demo-donor-{i}",
            }, cancellationToken: ct).ResponseAsync);
            await donations.RecordBloodDonationAsync(new RecordBloodDonationRequest
            {
                Donation = new BloodDonation
                {
                    DonorId = donor.Id, SessionId = session.Id, Component = "whole_blood", VolumeMl = DemoScenario.BloodVolumeMl,
                    DonatedOn = Dates.On(6, 14).Iso(), WeightKg = weight,
                },
                RequestId = $"demo-blood-donation-{i}",
            }, cancellationToken: ct);
        }

        await Close(campaign, Dates.On(6, 20), ct);
        progress.Report($"blood donation: {DemoScenario.BloodDonors} donors at one session");
    }

    private static CampaignPartner Partner(string name, string kind, string role) => new() { Name = name, Kind = kind, Role = role };

    private async Task<string> Open(string type, string name, DateOnly from, DateOnly to, string key, CancellationToken ct, params CampaignPartner[] partners)
    {
        var campaign = await Demo.OnceKnown(() => campaigns.CreateCampaignAsync(new CreateCampaignRequest
        {
            Campaign = new Campaign { Type = type, Name = name, OrgUnit = DemoScenario.Town, StartDate = from.Iso(), EndDate = to.Iso(), Partners = { partners } },
            RequestId = $"demo-campaign-{key}",
        }, cancellationToken: ct).ResponseAsync, ct);
        if (campaign.Status == "planned")
        {
            await campaigns.OpenCampaignAsync(new OpenCampaignRequest { Id = campaign.Id, OpenedOn = from.Iso() }, cancellationToken: ct);
        }

        return campaign.Id;
    }

    private Task Result(string campaignId, string key, DateOnly on, CampaignFigures figures, CancellationToken ct) =>
        campaigns.RecordCampaignResultAsync(new RecordCampaignResultRequest
        {
            CampaignId = campaignId, RequestId = $"demo-result-{key}", Result = new CampaignResult { RecordedOn = on.Iso(), Figures = figures },
        }, cancellationToken: ct).ResponseAsync;

    private async Task Close(string campaignId, DateOnly on, CancellationToken ct)
    {
        var campaign = await campaigns.GetCampaignAsync(new GetCampaignRequest { Id = campaignId }, cancellationToken: ct);
        if (campaign.Status != "closed")
        {
            await campaigns.CloseCampaignAsync(new CloseCampaignRequest { Id = campaignId, ClosedOn = on.Iso() }, cancellationToken: ct);
        }
    }
}
