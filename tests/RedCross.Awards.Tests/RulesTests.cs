using RedCross.Awards.Domain;
using RedCross.ServiceDefaults.Errors;
using Xunit;

namespace RedCross.Awards.Tests;

/// <summary>Every rule reason of awards' domain, each refused by its domain method with no host, database or clock.</summary>
public sealed class RulesTests
{
    private static readonly DateOnly Day = new(2024, 6, 1);

    private static readonly Issuer Province = new()
    {
        Code = "HN-RC", Kind = IssuerKinds.ProvincialRedCross, OrgUnitCode = "01", OrgUnitPath = "01",
        Forms = [new IssuerForm { IssuerCode = "HN-RC", Kind = "certificate_of_merit", CashIndividualVnd = 500_000 }],
    };

    [Fact]
    public void A_nomination_moves_draft_submitted_decided_and_revoked_in_order()
    {
        var nomination = Propose("01/001");
        Refused(Nomination.NotSubmitted, () => nomination.Approve("12/QĐ", Day, 0, "chair"));
        nomination.Submit(Day);
        Refused(Nomination.NotDraft, () => nomination.Submit(Day));
        Refused(Nomination.NotApproved, () => nomination.Revoke("error", Day));
        Refused(Nomination.DecisionBeforeSubmission, () => nomination.Approve("12/QĐ", Day.AddDays(-1), 0, "chair"));
        nomination.Approve("12/QĐ", Day.AddDays(5), 500_000, "chair");
        Refused(Nomination.NotSubmitted, () => nomination.Reject("late", "chair"));
        Refused(Nomination.RevocationBeforeDecision, () => nomination.Revoke("error", Day.AddDays(4)));
        nomination.Revoke("error", Day.AddDays(5));
        Assert.Equal(Nomination.Revoked, nomination.Status);
    }

    [Fact]
    public void A_recipient_is_nominated_in_the_issuers_area_only()
    {
        Assert.Equal("01/001", Propose("01/001").OrgUnitPath);
        Refused(Nomination.OutsideIssuer, () => Propose("010/001"));
        Refused(Nomination.OutsideIssuer, () => Propose("02"));
    }

    [Fact]
    public void An_issuer_gives_its_forms_through_a_unit_of_its_level_in_its_provinces()
    {
        Assert.Equal(500_000, Province.EnsureGives("certificate_of_merit").StandardCash(collective: false));
        Refused(Issuer.FormNotOffered, () => Province.EnsureGives("commemorative_medal"));
        Refused(Issuer.LevelMismatch, () => Issuer.EnsureActsThrough(IssuerKinds.ProvincialRedCross, "001", IssuerKinds.District));
        Issuer.EnsureActsThrough(IssuerKinds.ProvincialRedCross, "01", IssuerKinds.Province);
        Province.EnsureTiersFit("01", IssuerKinds.Province, "01", ["certificate_of_merit"]);
        Refused(Issuer.NotAProvince, () => Province.EnsureTiersFit("001", IssuerKinds.District, "01/001", []));
        Refused(Issuer.ProvinceOutside, () => Province.EnsureTiersFit("02", IssuerKinds.Province, "02", []));
        Refused(Issuer.FormNotOffered, () => Province.EnsureTiersFit("01", IssuerKinds.Province, "01", ["diploma_of_merit"]));
    }

    [Fact]
    public void Candidates_are_nominated_for_their_tier_at_most_a_call_cap_at_once()
    {
        Recognition.EnsureFewEnough(Recognition.MaxNominationsPerCall);
        Refused(Recognition.TooManyCandidates, () => Recognition.EnsureFewEnough(Recognition.MaxNominationsPerCall + 1));
        var tier = new RecognitionTier { Id = Guid.NewGuid(), IssuerCode = "HN-RC", ProvinceCode = "01", MinDonations = 5, FormKind = "certificate_of_merit" };
        var donor = new DonorTally { DonorId = Guid.NewGuid(), OrgUnitCode = "001", OrgUnitPath = "01/001", ProvinceCode = "01", DonationCount = 5 };
        var nomination = Recognition.Propose(Province, tier, donor, 2024, "01", "officer");
        Assert.Equal((RecipientKinds.Donor, donor.DonorId.ToString(), tier.Id, "blood_donation"),
            (nomination.RecipientKind, nomination.RecipientId, nomination.RecognitionTierId, nomination.Movement));
        Refused(Nomination.OutsideIssuer, () => Recognition.Propose(Province, tier, new DonorTally { OrgUnitCode = "001", OrgUnitPath = "02/001" }, 2024, "01", "officer"));
    }

    private static Nomination Propose(string unitPath) =>
        Nomination.Propose(Province, "certificate_of_merit", (RecipientKinds.Member, Guid.NewGuid().ToString(), null), unitPath.Split('/')[^1], unitPath,
            "blood_donation", 2024, "01", "officer");

    private static void Refused(string reason, Action act) => Assert.Equal(reason, Assert.Throws<RuleViolationException>(act).Reason);
}
