using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Awards.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Awards.Tests;

/// <summary>Blood-donor recognition: tiers as data, counts from campaign's BloodDonationRecorded (duplicates and any
/// order give the same tally), candidates, and candidates turned into nominations in one call.</summary>
public sealed class RecognitionTests(AwardsFactory factory) : IClassFixture<AwardsFactory>
{
    private BloodDonorRecognition.BloodDonorRecognitionClient Recognition => factory.Recognition(factory.Tokens.ProvinceAdmin);

    private async Task Tiers()
    {
        await factory.EnsureWorld();
        await Recognition.SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialRedCross, Province = "06",
            Tiers = { new RecognitionTier { MinDonations = 10, FormKind = "certificate_of_merit" } },
        });
        await Recognition.SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialCommittee, Province = "06",
            Tiers = { new RecognitionTier { MinDonations = 20, FormKind = "diploma_of_merit" } },
        });
    }

    private Task<int> Tally(Guid donor) => factory.WithDb(db => db.Donors.Where(d => d.DonorId == donor).Select(d => d.DonationCount).FirstOrDefaultAsync());

    [Fact]
    public async Task Donation_counts_make_candidates_per_tier_and_one_call_nominates_them()
    {
        await Tiers();
        var (often, twenty, few) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var tenth = AwardsFactory.Donation(often, "01834", 10, "2013-05-01");
        // Out of order and duplicated: the highest count wins, a replay changes nothing.
        await factory.Publish(tenth, AwardsFactory.Donation(often, "01834", 9, "2013-02-01"), tenth);
        await factory.Publish(AwardsFactory.Donation(twenty, "01837", 20, "2013-06-01"), AwardsFactory.Donation(few, "01852", 3));
        await Eventually.Until(async () => (await Tally(often), await Tally(twenty), await Tally(few)), t => t == (10, 20, 3), what: "the tallies");

        var candidates = (await factory.Recognition(factory.Tokens.DistrictOfficer058).ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest { OrgUnit = "058" })).Candidates
            .Where(c => c.DonorId == often.ToString() || c.DonorId == twenty.ToString() || c.DonorId == few.ToString()).ToList();
        Assert.Equal(new[] { often.ToString(), twenty.ToString() }.Order(StringComparer.Ordinal), candidates.Select(c => c.DonorId).Order(StringComparer.Ordinal));
        var twentyDue = candidates.Single(c => c.DonorId == twenty.ToString());
        Assert.Equal([(10, AwardsFactory.ProvincialRedCross), (20, AwardsFactory.ProvincialCommittee)], twentyDue.Due.Select(t => (t.MinDonations, t.IssuerCode)));
        Assert.Equal(("01837", 20, "2013-06-01"), (twentyDue.OrgUnit, twentyDue.DonationCount, twentyDue.LastDonatedOn));

        var made = await factory.Recognition(factory.Tokens.DistrictOfficer058).NominateCandidatesAsync(new NominateCandidatesRequest
        {
            OrgUnit = "058", Year = 2013, ProposerOrgUnit = "058", Submit = true, DonorIds = { often.ToString(), twenty.ToString() },
        });
        Assert.Equal(3, made.Nominations.Count);
        Assert.All(made.Nominations, n => Assert.Equal(("donor", "blood_donation", "submitted", 2013), (n.Recipient.Kind, n.Movement, n.Status, n.Year)));
        Assert.Contains(made.Nominations, n => n.Recipient.Id == twenty.ToString() && n.IssuerCode == AwardsFactory.ProvincialCommittee && n.FormKind == "diploma_of_merit");

        // Nominated donors are no longer candidates; a rejection gives the place back.
        var left = await factory.Recognition(factory.Tokens.DistrictOfficer058).ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest { OrgUnit = "058" });
        Assert.DoesNotContain(left.Candidates, c => c.DonorId == often.ToString() || c.DonorId == twenty.ToString());
        var rejected = made.Nominations.Single(n => n.Recipient.Id == often.ToString());
        await factory.Nominations(factory.Tokens.ProvinceAdmin).RejectNominationAsync(new RejectNominationRequest { Id = rejected.Id, Reason = "Chưa đủ hồ sơ" });
        var again = await factory.Recognition(factory.Tokens.DistrictOfficer058).ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest { OrgUnit = "058" });
        Assert.Contains(again.Candidates, c => c.DonorId == often.ToString());

        // A donor is an individual recipient awards knows: nominated by hand too, and a duplicate is refused.
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => factory.Nominations(factory.Tokens.DistrictOfficer058).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = new Nomination
            {
                IssuerCode = AwardsFactory.ProvincialCommittee, FormKind = "diploma_of_merit", Movement = "blood_donation", Year = 2013, ProposerOrgUnit = "058",
                Recipient = new Recipient { Kind = "donor", Id = twenty.ToString() },
            },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Candidates_and_nominations_stay_in_the_callers_subtree_and_a_donor_of_an_unknown_unit_waits_for_it()
    {
        await Tiers();
        var of060 = Guid.CreateVersion7();
        await factory.Publish(AwardsFactory.Donation(of060, "02000", 25));
        await Eventually.Until(() => Tally(of060), n => n == 25, what: "the 060 donor's tally");

        var list = await factory.Recognition(factory.Tokens.DistrictOfficer058).ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest());
        Assert.DoesNotContain(list.Candidates, c => c.DonorId == of060.ToString());
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Recognition(factory.Tokens.DistrictOfficer058)
            .ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest { OrgUnit = "060" }).ResponseAsync);
        var none = await factory.Recognition(factory.Tokens.DistrictOfficer058).NominateCandidatesAsync(new NominateCandidatesRequest
        {
            Year = 2013, ProposerOrgUnit = "058", DonorIds = { of060.ToString() },
        });
        Assert.Empty(none.Nominations);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Nominations(factory.Tokens.DistrictOfficer058).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = new Nomination
            {
                IssuerCode = AwardsFactory.ProvincialRedCross, FormKind = "certificate_of_merit", Movement = "blood_donation", Year = 2013, ProposerOrgUnit = "058",
                Recipient = new Recipient { Kind = "donor", Id = of060.ToString() },
            },
        }).ResponseAsync);

        // A donation in a unit awards has not heard of is parked, not lost, and is no tally yet.
        var early = Guid.CreateVersion7();
        await factory.Publish(AwardsFactory.Donation(early, "09999", 30));
        await Eventually.Until(() => factory.WithDb(db => db.Set<Messaging.ParkedEvent>().CountAsync()), n => n > 0, what: "the donation to be parked");
        Assert.Equal(0, await Tally(early));
    }

    [Fact]
    public async Task Tier_tables_refuse_bad_rows_forms_the_issuer_does_not_give_and_callers_who_do_not_keep_them()
    {
        await factory.EnsureWorld();
        Assert.Equal(["tiers[0].min_donations", "tiers[1]", "tiers[1].form_kind", "tiers[1].min_donations"], (await RpcAssert.InvalidFields(() => Recognition.SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialRedCross, Province = "06",
            Tiers = { new RecognitionTier { MinDonations = 0, FormKind = "certificate_of_merit" }, new RecognitionTier { MinDonations = 0, FormKind = "cup" } },
        }).ResponseAsync)).Order(StringComparer.Ordinal));
        Assert.Equal("FORM_NOT_OFFERED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Recognition.SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialRedCross, Province = "06", Tiers = { new RecognitionTier { MinDonations = 5, FormKind = "commemorative_medal" } },
        }).ResponseAsync));
        Assert.Equal("NOT_A_PROVINCE", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Recognition.SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialRedCross, Province = "058", Tiers = { new RecognitionTier { MinDonations = 5, FormKind = "certificate_of_merit" } },
        }).ResponseAsync));
        Assert.Equal("PROVINCE_OUTSIDE_ISSUER", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => factory.Recognition(factory.Tokens.For(Roles.ProvinceAdmin, "/")).SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialRedCross, Province = "07", Tiers = { new RecognitionTier { MinDonations = 5, FormKind = "certificate_of_merit" } },
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Recognition(factory.Tokens.For(Roles.BranchOfficer, "06/058/01834")).SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.TownRedCross, Province = "06", Tiers = { new RecognitionTier { MinDonations = 5, FormKind = "certificate_of_merit" } },
        }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Recognition(factory.Tokens.DistrictOfficer058).SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = AwardsFactory.ProvincialRedCross, Province = "06", Tiers = { new RecognitionTier { MinDonations = 5, FormKind = "certificate_of_merit" } },
        }).ResponseAsync);
    }
}
