using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;
using static RedCross.Campaign.Tests.EligibilityTests;

namespace RedCross.Campaign.Tests;

/// <summary>A donor's eligibility and deferral facts are health data on every path: the recall list is one of them.</summary>
public sealed class DonorPrivacyTests(CampaignFactory factory) : IClassFixture<CampaignFactory>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private BloodDonors.BloodDonorsClient Donors => factory.Donors(Token);

    private async Task<BloodDonor> Registered(string unit = "01852")
    {
        await factory.EnsureTree();
        return await Donors.CreateBloodDonorAsync(new CreateBloodDonorRequest { Donor = Donor(unit: unit) });
    }

    [Fact]
    public async Task Without_personal_data_no_day_of_the_recall_list_can_be_read_so_a_sweep_of_as_of_reveals_no_deferral()
    {
        var deferred = await Registered();
        await factory.Donations(Token).RecordBloodDonationAsync(Give(deferred.Id, "2013-01-05"));
        await Donors.RecordDeferralAsync(new RecordDeferralRequest
        {
            DonorId = deferred.Id, Deferral = new BloodDeferral { DeferredOn = "2013-04-01", Until = "2013-09-30", Reason = "điều trị" },
        });
        // An officer sees the donor come back the day after the deferral ends.
        var officer = await Donors.ListRecallDonorsAsync(new ListRecallDonorsRequest { OrgUnit = "01852", AsOf = "2013-10-01", PageSize = 1000 });
        Assert.Equal("2013-10-01", officer.Donors.Single(d => d.DonorId == deferred.Id).EligibleSince);

        var viewer = factory.Donors(factory.Tokens.For(Roles.Viewer, "06/058"));
        var partner = factory.Donors(factory.Partner("bv-bac-kan", "06/058", Scopes.CampaignRead));
        foreach (var asOf in new[] { string.Empty, "2013-03-31", "2013-09-30", "2013-10-01", "2014-01-01" })
        {
            foreach (var client in new[] { viewer, partner })
            {
                Assert.Equal(AccessDeniedException.NotPermitted, await RpcAssert.Reason(StatusCode.PermissionDenied,
                    () => client.ListRecallDonorsAsync(new ListRecallDonorsRequest { OrgUnit = "01852", AsOf = asOf, PageSize = 1000 }).ResponseAsync));
            }
        }

        // The donor's own record keeps the same fact masked for them.
        Assert.Equal(string.Empty, (await viewer.GetBloodDonorAsync(new GetBloodDonorRequest { Id = deferred.Id })).NextEligibleOn);
    }

    [Fact]
    public async Task Anonymising_a_donor_erases_name_phone_and_health_data_keeps_every_count_and_is_audited()
    {
        var donor = await Registered("01837");
        await factory.Donations(Token).RecordBloodDonationAsync(Give(donor.Id, "2013-01-05", kg: 61.5));
        await Donors.RecordDeferralAsync(new RecordDeferralRequest { DonorId = donor.Id, Deferral = new BloodDeferral { DeferredOn = "2013-05-01", Until = "2013-06-01", Reason = "huyết áp thấp" } });
        var before = await Donors.GetDonorHistoryAsync(new GetDonorHistoryRequest { DonorId = donor.Id });
        var outbox = await factory.OutboxCount();

        var anonymised = await Donors.AnonymiseBloodDonorAsync(new AnonymiseBloodDonorRequest { Id = donor.Id, Etag = before.Donor.Etag });

        Assert.True(anonymised.Anonymised);
        Assert.Equal(("Ẩn danh", "", "", 0.0), (anonymised.FullName, anonymised.Phone, anonymised.BloodGroup, anonymised.WeightKg));
        Assert.Equal((before.Donor.BirthDate, before.Donor.Sex, before.Donor.OrgUnit, before.Donor.DonationCount, before.Donor.LastDonatedOn),
            (anonymised.BirthDate, anonymised.Sex, anonymised.OrgUnit, anonymised.DonationCount, anonymised.LastDonatedOn));
        var history = await Donors.GetDonorHistoryAsync(new GetDonorHistoryRequest { DonorId = donor.Id });
        Assert.Equal((1, 0.0, 350, "2013-01-05"), (history.Donations.Single().CumulativeCount, history.Donations.Single().WeightKg, history.Donations.Single().VolumeMl, history.Donations.Single().DonatedOn));
        Assert.Equal((string.Empty, "2013-05-01"), (history.Deferrals.Single().Reason, history.Deferrals.Single().DeferredOn));
        var stored = await factory.WithDb(db => db.Donors.AsNoTracking().SingleAsync(d => d.Id == Guid.Parse(donor.Id)));
        Assert.Equal((null, null, 0), (stored.Phone, stored.BloodGroup, stored.WeightTenthsKg));
        Assert.DoesNotContain("hien", stored.SearchName, StringComparison.Ordinal);
        Assert.Equal(outbox, await factory.OutboxCount()); // no event: events never carried any of it, no count moves
        // An anonymised donor is no one to call back.
        Assert.DoesNotContain((await Donors.ListRecallDonorsAsync(new ListRecallDonorsRequest { OrgUnit = "01837", AsOf = "2014-01-01", PageSize = 1000 })).Donors, d => d.DonorId == donor.Id);

        var trail = await factory.Audit(factory.Tokens.ProvinceAdmin).ListAuditEntriesAsync(new ListDonorAuditEntriesRequest { DonorId = donor.Id, PageSize = 1000 });
        var entry = trail.AuditEntries.Single(e => e.Method.EndsWith("/AnonymiseBloodDonor", StringComparison.Ordinal));
        Assert.Equal("change", entry.Action);
        Assert.Equal(["full_name", "phone", "weight_kg", "blood_group", "donations.weight_kg", "deferrals.reason"], entry.Fields);
    }

    [Fact]
    public async Task Anonymising_a_donor_is_refused_for_unknown_ids_other_subtrees_viewers_branches_and_a_second_time()
    {
        var donor = await Registered();
        var request = new AnonymiseBloodDonorRequest { Id = donor.Id };
        Assert.Equal(["id"], await RpcAssert.InvalidFields(() => Donors.AnonymiseBloodDonorAsync(new AnonymiseBloodDonorRequest { Id = "nope" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Donors.AnonymiseBloodDonorAsync(new AnonymiseBloodDonorRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => factory.Donors(factory.Tokens.For(Roles.DistrictOfficer, "06/060")).AnonymiseBloodDonorAsync(request).ResponseAsync));
        foreach (var token in new[] { factory.Tokens.For(Roles.Viewer, "06/058"), factory.Tokens.For(Roles.BranchOfficer, "06/058/01852"), factory.Partner("bv-bac-kan", "06/058") })
        {
            Assert.Equal(AccessDeniedException.NotPermitted, await RpcAssert.Reason(StatusCode.PermissionDenied, () => factory.Donors(token).AnonymiseBloodDonorAsync(request).ResponseAsync));
        }

        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Donors.AnonymiseBloodDonorAsync(new AnonymiseBloodDonorRequest { Id = donor.Id, Etag = "99" }).ResponseAsync));
        Assert.Equal(donor.FullName, (await Donors.GetBloodDonorAsync(new GetBloodDonorRequest { Id = donor.Id })).FullName);

        await factory.Donors(factory.Tokens.ProvinceAdmin).AnonymiseBloodDonorAsync(request);

        Assert.Equal("ALREADY_ANONYMISED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Donors.AnonymiseBloodDonorAsync(request).ResponseAsync));
        // Nothing new is recorded against an erased donor: a donation or a deferral would bring health data back.
        Assert.Equal("ALREADY_ANONYMISED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => factory.Donations(Token).RecordBloodDonationAsync(Give(donor.Id, "2013-03-01")).ResponseAsync));
        Assert.Equal("ALREADY_ANONYMISED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Donors.RecordDeferralAsync(new RecordDeferralRequest
        {
            DonorId = donor.Id, Deferral = new BloodDeferral { DeferredOn = "2013-03-01", Reason = "cảm cúm" },
        }).ResponseAsync));
    }
}
