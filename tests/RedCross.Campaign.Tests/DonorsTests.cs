using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Campaign;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;
using static RedCross.Campaign.Tests.EligibilityTests;

namespace RedCross.Campaign.Tests;

/// <summary>Donors: health data masked for partners and audited, history, recall list, sessions of campaigns, import.</summary>
public sealed class DonorsTests(CampaignFactory factory) : IClassFixture<CampaignFactory>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private BloodDonors.BloodDonorsClient Donors => factory.Donors(Token);

    private async Task<BloodDonor> Registered(BloodDonor? donor = null)
    {
        await factory.EnsureTree();
        return await Donors.CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = donor ?? Donor() });
    }

    [Fact]
    public async Task A_partner_never_sees_donor_health_data_and_every_read_is_audited()
    {
        var donor = await Registered();
        await factory.Donors(Token).RecordDeferralAsync(new RecordDeferralRequest
        {
            DonorId = donor.Id, Deferral = new BloodDeferral { DeferredOn = "2013-01-10", Until = "2013-02-28", Reason = "thiếu máu nhẹ" },
        });
        var officer = await Donors.GetDonorHistoryAsync(new GetDonorHistoryRequest { DonorId = donor.Id });
        Assert.Equal((60.0, "O+", "0987654321", "thiếu máu nhẹ"), (officer.Donor.WeightKg, officer.Donor.BloodGroup, officer.Donor.Phone, officer.Deferrals.Single().Reason));

        var partner = factory.Donors(factory.Partner("ttyt-bac-kan", "06/058", Scopes.CampaignRead));
        var seen = await partner.GetDonorHistoryAsync(new GetDonorHistoryRequest { DonorId = donor.Id });
        Assert.Equal((0.0, "***", "*******321", "***", string.Empty), (seen.Donor.WeightKg, seen.Donor.BloodGroup, seen.Donor.Phone, seen.Deferrals.Single().Reason, seen.Donor.NextEligibleOn));
        var listed = await partner.ListBloodDonorsAsync(new ListBloodDonorsRequest { OrgUnit = "01834", PageSize = 1000 });
        Assert.All(listed.Donors, d => Assert.Equal(("***", 0.0), (d.BloodGroup, d.WeightKg)));

        var trail = await factory.Audit(factory.Tokens.ProvinceAdmin).ListAuditEntriesAsync(new ListDonorAuditEntriesRequest { DonorId = donor.Id, PageSize = 1000 });
        Assert.Contains(trail.AuditEntries, e => e.Action == "change" && e.Fields.Contains("weight_kg") && e.Method.EndsWith("/CreateBloodDonor", StringComparison.Ordinal));
        Assert.Contains(trail.AuditEntries, e => e.Action == "change" && e.Fields.Contains("deferrals"));
        Assert.Contains(trail.AuditEntries, e => e.Subject == "ttyt-bac-kan" && e.Fields.Contains("masked:blood_group") && e.Fields.Contains("masked:deferrals.reason"));
        Assert.Contains(trail.AuditEntries, e => e.Role == Roles.DistrictOfficer && e.Action == "read" && e.Fields.Contains("blood_group"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Audit(Token).ListAuditEntriesAsync(new ListDonorAuditEntriesRequest()).ResponseAsync);
    }

    [Fact]
    public async Task The_history_counts_donations_and_the_recall_list_shows_donors_eligible_again()
    {
        var due = await Registered();
        var recent = await Registered();
        var deferred = await Registered();
        var donations = factory.Donations(Token);
        await donations.RecordBloodDonationAsync(Give(due.Id, "2013-01-05"));
        await donations.RecordBloodDonationAsync(Give(due.Id, "2013-04-05", 250));
        await donations.RecordBloodDonationAsync(Give(recent.Id, "2013-05-20"));
        await donations.RecordBloodDonationAsync(Give(deferred.Id, "2013-01-05"));
        await Donors.RecordDeferralAsync(new RecordDeferralRequest { DonorId = deferred.Id, Deferral = new BloodDeferral { DeferredOn = "2013-05-01", Reason = "viêm gan B" } });

        var history = await Donors.GetDonorHistoryAsync(new GetDonorHistoryRequest { DonorId = due.Id });
        Assert.Equal([1, 2], history.Donations.Select(d => d.CumulativeCount));
        Assert.Equal((2, "2013-04-05", "2013-06-28"), (history.Donor.DonationCount, history.Donor.LastDonatedOn, history.Donor.NextEligibleOn));

        // On 28 June 2013: 12 weeks after 5 April is 28 June; 20 May's donor waits until 12 August; a permanent deferral never returns.
        var recall = await Donors.ListRecallDonorsAsync(new ListRecallDonorsRequest { OrgUnit = "01834", AsOf = "2013-06-28", PageSize = 1000 });
        Assert.Contains(recall.Donors, d => d.DonorId == due.Id && d.EligibleSince == "2013-06-28" && d.DonationCount == 2);
        Assert.DoesNotContain(recall.Donors, d => d.DonorId == recent.Id || d.DonorId == deferred.Id);
        var dayBefore = await Donors.ListRecallDonorsAsync(new ListRecallDonorsRequest { OrgUnit = "01834", AsOf = "2013-06-27", PageSize = 1000 });
        Assert.DoesNotContain(dayBefore.Donors, d => d.DonorId == due.Id);
        Assert.Equal(["as_of"], await RpcAssert.InvalidFields(() => Donors.ListRecallDonorsAsync(new ListRecallDonorsRequest { AsOf = "28/06/2013" }).ResponseAsync));
    }

    [Fact]
    public async Task Donations_at_a_session_count_in_the_campaign_and_a_closed_campaign_takes_none()
    {
        await factory.EnsureTree();
        var campaigns = factory.Campaigns(Token);
        var campaign = await campaigns.CreateCampaignAsync(new CreateCampaignRequest
        {
            Campaign = new Contracts.Campaign.V1.Campaign { Type = "blood_donation", Name = "Ngày hội hiến máu", OrgUnit = "058", StartDate = "2013-06-01", EndDate = "2013-06-30" },
        });
        await campaigns.OpenCampaignAsync(new OpenCampaignRequest { Id = campaign.Id, OpenedOn = "2013-06-01" });
        var session = await factory.Sessions(Token).CreateBloodSessionAsync(new CreateBloodSessionRequest
        {
            Session = new BloodSession { CampaignId = campaign.Id, OrgUnit = "01834", HeldOn = "2013-06-14", Place = "Nhà văn hóa phường" },
        });
        var donor = await Registered();
        var request = Give(donor.Id, "2013-06-14");
        request.Donation.SessionId = session.Id;
        var donation = await factory.Donations(Token).RecordBloodDonationAsync(request);
        Assert.Equal(campaign.Id, donation.CampaignId);
        await factory.Services.Published<BloodDonationRecorded>(m => m.Context.Message.DonationId.ToString() == donation.Id && m.Context.Message.CampaignId.ToString() == campaign.Id);
        Assert.Equal(1, (await campaigns.GetCampaignAsync(new GetCampaignRequest { Id = campaign.Id })).Totals.BloodDonations);

        var wrongDay = Give((await Registered()).Id, "2013-06-15");
        wrongDay.Donation.SessionId = session.Id;
        Assert.Equal(["donation.donated_on"], await RpcAssert.InvalidFields(() => factory.Donations(Token).RecordBloodDonationAsync(wrongDay).ResponseAsync));

        await campaigns.CloseCampaignAsync(new CloseCampaignRequest { Id = campaign.Id, ClosedOn = "2013-06-30" });
        var late = Give((await Registered()).Id, "2013-06-14");
        late.Donation.SessionId = session.Id;
        var before = await factory.WithDb(db => db.Donations.CountAsync());
        Assert.Equal("CAMPAIGN_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => factory.Donations(Token).RecordBloodDonationAsync(late).ResponseAsync));
        Assert.Equal("CAMPAIGN_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => factory.Sessions(Token).CreateBloodSessionAsync(new CreateBloodSessionRequest
        {
            Session = new BloodSession { CampaignId = campaign.Id, OrgUnit = "01834", HeldOn = "2013-06-20", Place = "Trường THPT" },
        }).ResponseAsync));
        Assert.Equal(before, await factory.WithDb(db => db.Donations.CountAsync()));
    }

    [Fact]
    public async Task The_same_donor_twice_is_refused_and_bad_donors_store_nothing()
    {
        var donor = Donor();
        await Registered(donor);
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => Donors.CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = donor }).ResponseAsync);
        var before = await factory.WithDb(db => db.Donors.CountAsync());
        var bad = Donor();
        (bad.FullName, bad.BirthDate, bad.Sex, bad.WeightKg, bad.OrgUnit, bad.Phone) = ("", "1990-02-30", "x", 10, "", "phone");
        Assert.Equal(["donor.full_name", "donor.birth_date", "donor.sex", "donor.weight_kg", "donor.org_unit", "donor.phone"],
            await RpcAssert.InvalidFields(() => Donors.CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = bad }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Donors.CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = Donor(unit: "NOPE") }).ResponseAsync);
        Assert.Equal(before, await factory.WithDb(db => db.Donors.CountAsync()));
    }

    [Fact]
    public async Task An_imported_donor_list_creates_each_person_once_and_reports_bad_rows()
    {
        await factory.EnsureTree();
        var first = Donor();
        using var call = Donors.ImportBloodDonors();
        await call.RequestStream.WriteAsync(new ImportBloodDonorRow { RowNumber = 2, Donor = first });
        await call.RequestStream.WriteAsync(new ImportBloodDonorRow { RowNumber = 3, Donor = first });
        var bad = Donor();
        bad.BloodGroup = "Z";
        await call.RequestStream.WriteAsync(new ImportBloodDonorRow { RowNumber = 4, Donor = bad });
        await call.RequestStream.WriteAsync(new ImportBloodDonorRow { RowNumber = 5, Donor = Donor(unit: "060") });
        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.Equal((4, 1, 1, 2), (response.RowsReceived, response.Created, response.Duplicates, response.Failed));
        Assert.Equal([(4, "donor.blood_group"), (5, "donor.org_unit")], response.Errors.Select(e => (e.RowNumber, e.Field)));

        using var again = Donors.ImportBloodDonors();
        await again.RequestStream.WriteAsync(new ImportBloodDonorRow { RowNumber = 2, Donor = first });
        await again.RequestStream.CompleteAsync();
        Assert.Equal((0, 1), ((await again).Created, (await again).Duplicates));
        Assert.Equal(1, await factory.WithDb(db => db.Donors.CountAsync(d => d.FullName == first.FullName)));
    }
}
