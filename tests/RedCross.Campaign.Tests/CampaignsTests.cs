using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Campaign;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Campaign.Tests;

/// <summary>Campaigns: planned, opened, results over time with correcting entries, closed; subtree and partner rules.</summary>
public sealed class CampaignsTests(CampaignFactory factory) : IClassFixture<CampaignFactory>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private Campaigns.CampaignsClient Client => factory.Campaigns(Token);

    internal static Contracts.Campaign.V1.Campaign HealthCheck(string unit = "058", string client = "health-058") => new()
    {
        Type = "health_check",
        Name = "Khám bệnh, cấp thuốc và tặng quà cho đối tượng chính sách",
        OrgUnit = unit,
        StartDate = "2013-06-01",
        EndDate = "2013-12-31",
        Partners =
        {
            new CampaignPartner { Name = "Trung tâm Y tế thị xã", Kind = "health_sector", Role = "khám bệnh", ClientId = client },
            new CampaignPartner { Name = "Viettel Bắc Kạn", Kind = "company", Role = "tài trợ quà" },
        },
        Targets = new CampaignFigures { PeopleServed = 500, Examinations = 3000 },
    };

    private async Task<Contracts.Campaign.V1.Campaign> Running(string client = "health-058")
    {
        await factory.EnsureTree();
        var planned = await Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck(client: client) });
        return await Client.OpenCampaignAsync(new OpenCampaignRequest { Id = planned.Id, OpenedOn = "2013-06-01" });
    }

    private static RecordCampaignResultRequest Result(string campaignId, long examinations, string on = "2013-06-15", long people = 0, long funds = 0) => new()
    {
        CampaignId = campaignId,
        Result = new CampaignResult { RecordedOn = on, Figures = new CampaignFigures { Examinations = examinations, PeopleServed = people, FundsRaisedVnd = funds } },
    };

    private Task<int> StoredResults() => factory.WithDb(db => db.Results.CountAsync());

    [Fact]
    public async Task A_campaign_is_planned_opened_and_announced_with_its_partners_and_targets()
    {
        await factory.EnsureTree();
        var planned = await Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck() });
        Assert.Equal(("planned", "058", 2, 3000L), (planned.Status, planned.OrgUnit, planned.Partners.Count, planned.Targets.Examinations));

        var opened = await Client.OpenCampaignAsync(new OpenCampaignRequest { Id = planned.Id, OpenedOn = "2013-06-01", Etag = planned.Etag });
        Assert.Equal(("running", "2013-06-01"), (opened.Status, opened.OpenedOn));
        await factory.Services.Published<CampaignOpened>(m => m.Context.Message.CampaignId.ToString() == planned.Id
            && m.Context.Message.OrgUnitCode == "058" && m.Context.Message.Type == "health_check" && m.Context.Message.StartDate == new DateOnly(2013, 6, 1)
            && m.Context.Message.Name == planned.Name && m.Context.Message.Partners!.SequenceEqual(new[] { "Trung tâm Y tế thị xã", "Viettel Bắc Kạn" }));
        Assert.Equal("CAMPAIGN_ALREADY_OPEN", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Client.OpenCampaignAsync(new OpenCampaignRequest { Id = planned.Id }).ResponseAsync));
        Assert.Equal(planned.Id, (await Client.GetCampaignAsync(new GetCampaignRequest { Id = planned.Id })).Id);
    }

    [Fact]
    public async Task A_partner_joining_a_running_campaign_is_announced_by_name_and_one_named_before_opening_travels_with_the_opening()
    {
        await factory.EnsureTree();
        var planned = await Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck(client: "health-partner") });
        var school = new CampaignPartner { Name = "Trường THCS Phùng Chí Kiên", Kind = "school", Role = "tổ chức khám cho học sinh" };
        var outbox = await factory.OutboxCount();
        await Client.AddCampaignPartnerAsync(new AddCampaignPartnerRequest { CampaignId = planned.Id, Partner = school });
        Assert.Equal(outbox, await factory.OutboxCount());

        await Client.OpenCampaignAsync(new OpenCampaignRequest { Id = planned.Id, OpenedOn = "2013-06-01" });
        await factory.Services.Published<CampaignOpened>(m => m.Context.Message.CampaignId.ToString() == planned.Id
            && m.Context.Message.Partners!.Contains(school.Name));
        var bank = new CampaignPartner { Name = "Ngân hàng Nông nghiệp Bắc Kạn", Kind = "company", Role = "tài trợ", ClientId = "bank-058" };
        var added = await Client.AddCampaignPartnerAsync(new AddCampaignPartnerRequest { CampaignId = planned.Id, Partner = bank });
        Assert.Equal(4, added.Partners.Count);
        await factory.Services.Published<CampaignPartnerAdded>(m => m.Context.Message.CampaignId.ToString() == planned.Id
            && m.Context.Message.OrgUnitCode == "058" && m.Context.Message.PartnerName == bank.Name && m.Context.Message.PartnerKind == "company");

        // Refused (the client names a partner already): nothing stored, nothing announced.
        outbox = await factory.OutboxCount();
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => Client.AddCampaignPartnerAsync(new AddCampaignPartnerRequest { CampaignId = planned.Id, Partner = bank }).ResponseAsync);
        Assert.Equal(outbox, await factory.OutboxCount());
        Assert.Equal(4, (await Client.GetCampaignAsync(new GetCampaignRequest { Id = planned.Id })).Partners.Count);
    }

    [Fact]
    public async Task Results_add_up_a_correcting_entry_replaces_figures_and_both_are_announced()
    {
        var campaign = await Running();
        var first = await Client.RecordCampaignResultAsync(Result(campaign.Id, 1200, people: 300, funds: 5_000_000));
        await Client.RecordCampaignResultAsync(Result(campaign.Id, 1900, "2013-07-01", people: 250));
        Assert.Equal((3100L, 550L), ((await Get(campaign.Id)).Totals.Examinations, (await Get(campaign.Id)).Totals.PeopleServed));

        var correcting = await Client.CorrectCampaignResultAsync(new CorrectCampaignResultRequest
        {
            CampaignId = campaign.Id, ResultId = first.Id, Reason = "đếm trùng một buổi", Figures = new CampaignFigures { Examinations = 1150, PeopleServed = 300, FundsRaisedVnd = 5_000_000 },
        });
        Assert.Equal((first.Id, "2013-06-15"), (correcting.CorrectsResultId, correcting.RecordedOn));
        var totals = (await Get(campaign.Id)).Totals;
        Assert.Equal((3050L, 550L, 5_000_000L), (totals.Examinations, totals.PeopleServed, totals.FundsRaisedVnd));
        var results = await Client.ListCampaignResultsAsync(new ListCampaignResultsRequest { CampaignId = campaign.Id });
        Assert.Equal(3, results.Results.Count);
        Assert.Equal(correcting.Id, results.Results.Single(r => r.Id == first.Id).CorrectedByResultId);

        await factory.Services.Published<CampaignResultRecorded>(m => m.Context.Message.ResultId.ToString() == first.Id && m.Context.Message.Examinations == 1200);
        await factory.Services.Published<CampaignResultCorrected>(m => m.Context.Message.CorrectedResultId.ToString() == first.Id
            && m.Context.Message.Examinations == -50 && m.Context.Message.PeopleServed == 0 && m.Context.Message.RecordedOn == new DateOnly(2013, 6, 15));
        Assert.Equal("ALREADY_CORRECTED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Client.CorrectCampaignResultAsync(new CorrectCampaignResultRequest
        {
            CampaignId = campaign.Id, ResultId = first.Id, Reason = "lần hai", Figures = new CampaignFigures { Examinations = 1 },
        }).ResponseAsync));
    }

    [Fact]
    public async Task A_closed_campaign_refuses_results_and_stores_nothing_and_a_planned_one_too()
    {
        var campaign = await Running();
        await Client.RecordCampaignResultAsync(Result(campaign.Id, 10));
        var closed = await Client.CloseCampaignAsync(new CloseCampaignRequest { Id = campaign.Id, ClosedOn = "2013-12-31" });
        Assert.Equal("closed", closed.Status);
        await factory.Services.Published<CampaignClosed>(m => m.Context.Message.CampaignId.ToString() == campaign.Id && m.Context.Message.Examinations == 10);

        var (results, outbox) = (await StoredResults(), await factory.OutboxCount());
        Assert.Equal("CAMPAIGN_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Client.RecordCampaignResultAsync(Result(campaign.Id, 5)).ResponseAsync));
        Assert.Equal("CAMPAIGN_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Client.CloseCampaignAsync(new CloseCampaignRequest { Id = campaign.Id }).ResponseAsync));
        Assert.Equal((results, outbox), (await StoredResults(), await factory.OutboxCount()));

        var planned = await Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck() });
        Assert.Equal("CAMPAIGN_NOT_RUNNING", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Client.RecordCampaignResultAsync(Result(planned.Id, 5)).ResponseAsync));
        Assert.Equal(results, await StoredResults());
    }

    [Fact]
    public async Task Bad_results_are_refused_field_by_field_and_nothing_is_stored()
    {
        var campaign = await Running();
        var before = await StoredResults();
        var bad = Result(campaign.Id, -1, "2013-13-01", people: -5);
        bad.Result.Figures.BloodDonations = 3;
        Assert.Equal(["result.recorded_on", "result.figures.people_served", "result.figures.examinations", "result.figures.blood_donations"],
            await RpcAssert.InvalidFields(() => Client.RecordCampaignResultAsync(bad).ResponseAsync));
        Assert.Equal(["result.recorded_on"], await RpcAssert.InvalidFields(() => Client.RecordCampaignResultAsync(Result(campaign.Id, 1, "2014-01-01")).ResponseAsync));
        Assert.Equal(["campaign_id"], await RpcAssert.InvalidFields(() => Client.RecordCampaignResultAsync(Result("not-a-uuid", 1)).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Client.RecordCampaignResultAsync(Result(Guid.NewGuid().ToString(), 1)).ResponseAsync);
        Assert.Equal(before, await StoredResults());
    }

    [Fact]
    public async Task Bad_campaigns_are_refused_and_nothing_is_stored()
    {
        await factory.EnsureTree();
        var before = await factory.WithDb(db => db.Campaigns.CountAsync());
        var bad = HealthCheck();
        (bad.Type, bad.Name, bad.EndDate) = ("picnic", new string('x', 301), "2013-05-01");
        bad.Partners.Add(new CampaignPartner { Name = "", Kind = "army" });
        bad.Targets.FundsRaisedVnd = -1;
        Assert.Equal(["campaign.type", "campaign.name", "campaign.end_date", "campaign.partners[2].name", "campaign.partners[2].kind", "campaign.targets.funds_raised_vnd"],
            await RpcAssert.InvalidFields(() => Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = bad }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck("NOPE") }).ResponseAsync);
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck("060") }).ResponseAsync));
        var old = HealthCheck("OLD");
        (old.StartDate, old.EndDate) = ("2015-01-01", "2015-02-01");
        Assert.Equal("ORG_UNIT_NOT_OPEN", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = old }).ResponseAsync));
        Assert.Equal(before, await factory.WithDb(db => db.Campaigns.CountAsync()));
    }

    [Fact]
    public async Task A_retried_create_returns_the_first_campaign_and_another_caller_gets_its_own()
    {
        await factory.EnsureTree();
        var request = new CreateCampaignRequest { Campaign = HealthCheck(), RequestId = "req-" + Guid.NewGuid() };
        var first = await Client.CreateCampaignAsync(request);
        Assert.Equal(first.Id, (await Client.CreateCampaignAsync(request)).Id);
        Assert.NotEqual(first.Id, (await factory.Campaigns(factory.Tokens.ProvinceAdmin).CreateCampaignAsync(request)).Id);
    }

    [Fact]
    public async Task An_officer_of_058_cannot_see_or_touch_a_campaign_of_060()
    {
        await factory.EnsureTree();
        var admin = factory.Campaigns(factory.Tokens.ProvinceAdmin);
        var of060 = await admin.CreateCampaignAsync(new CreateCampaignRequest { Campaign = HealthCheck("060") });
        await admin.OpenCampaignAsync(new OpenCampaignRequest { Id = of060.Id, OpenedOn = "2013-06-01" });

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Client.GetCampaignAsync(new GetCampaignRequest { Id = of060.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Client.RecordCampaignResultAsync(Result(of060.Id, 1)).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Client.ListCampaignsAsync(new ListCampaignsRequest { OrgUnit = "060" }).ResponseAsync);
        var mine = await Client.ListCampaignsAsync(new ListCampaignsRequest { PageSize = 1000 });
        Assert.DoesNotContain(mine.Campaigns, c => c.Id == of060.Id);
        Assert.Contains((await admin.ListCampaignsAsync(new ListCampaignsRequest { OrgUnit = "060" })).Campaigns, c => c.Id == of060.Id);
    }

    [Fact]
    public async Task A_partner_records_results_only_for_campaigns_naming_it_and_needs_campaign_write()
    {
        var ours = await Running(client: "ttyt-bac-kan");
        var other = await Running(client: "someone-else");
        var partner = factory.Campaigns(factory.Partner("ttyt-bac-kan"));

        var recorded = await partner.RecordCampaignResultAsync(Result(ours.Id, 40));
        Assert.Equal("ttyt-bac-kan", recorded.RecordedBy);
        var before = await StoredResults();
        Assert.Equal(CampaignsServiceReasons.NotAPartner, await RpcAssert.Reason(StatusCode.PermissionDenied, () => partner.RecordCampaignResultAsync(Result(other.Id, 40)).ResponseAsync));
        var readOnly = factory.Campaigns(factory.Partner("ttyt-bac-kan", "06/058", Scopes.CampaignRead));
        Assert.Equal("NOT_PERMITTED", await RpcAssert.Reason(StatusCode.PermissionDenied, () => readOnly.RecordCampaignResultAsync(Result(ours.Id, 1)).ResponseAsync));
        // A partner never plans, opens or closes campaigns.
        Assert.Equal("NOT_PERMITTED", await RpcAssert.Reason(StatusCode.PermissionDenied, () => partner.CloseCampaignAsync(new CloseCampaignRequest { Id = ours.Id }).ResponseAsync));
        Assert.Equal(before, await StoredResults());

        var listed = await partner.ListCampaignsAsync(new ListCampaignsRequest { PageSize = 1000 });
        Assert.Contains(listed.Campaigns, c => c.Id == ours.Id);
        Assert.DoesNotContain(listed.Campaigns, c => c.Id == other.Id);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => partner.GetCampaignAsync(new GetCampaignRequest { Id = other.Id }).ResponseAsync);
    }

    [Fact]
    public async Task Campaigns_are_served_over_rest_at_api_v1_campaigns()
    {
        await factory.EnsureTree();
        var rest = factory.Rest(Token);
        var created = await rest.PostAsJsonAsync("/api/v1/campaigns", new { type = "blood_donation", name = "Hành trình Đỏ 2013", orgUnit = "058", startDate = "2013-07-01", endDate = "2013-07-31" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["id"].ToString();
        Assert.Equal(HttpStatusCode.OK, (await rest.GetAsync($"/api/v1/campaigns/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await rest.PostAsJsonAsync("/api/v1/campaigns", new { type = "picnic" })).StatusCode);
    }

    private async Task<Contracts.Campaign.V1.Campaign> Get(string id) => await Client.GetCampaignAsync(new GetCampaignRequest { Id = id });
}

/// <summary>The reason a partner gets for a campaign that does not name it.</summary>
internal static class CampaignsServiceReasons
{
    public const string NotAPartner = "NOT_A_PARTNER";
}
