using RedCross.Campaign.Domain;
using RedCross.ServiceDefaults.Errors;
using Xunit;

namespace RedCross.Campaign.Tests;

/// <summary>Every rule reason of campaign's domain, each refused by its domain method with no host, database or clock.</summary>
public sealed class RulesTests
{
    private static readonly DateOnly Day = new(2024, 6, 1);

    private static readonly EligibilityRules Rules = new(EligibilityRules.Defaults.ToDictionary(r => r.Code, r => r.Value));

    [Fact]
    public void A_campaign_opens_once_closes_while_running_and_then_takes_nothing()
    {
        var campaign = Planned();
        Refused(Domain.Campaign.NotRunning, () => campaign.Close(Day));
        Refused(Domain.Campaign.NotRunning, () => campaign.RecordResult(Day, new Figures(), null, "officer", DateTimeOffset.UnixEpoch));
        campaign.Open(Day);
        Refused(Domain.Campaign.AlreadyOpen, () => campaign.Open(Day));
        campaign.Close(Day);
        Refused(Domain.Campaign.IsClosed, campaign.EnsureNotClosed);
        Refused(Domain.Campaign.IsClosed, () => campaign.AddPartner(new CampaignPartner { Name = "Trường THPT" }));
    }

    [Fact]
    public void A_beneficiary_list_is_drawn_again_until_the_campaign_closes()
    {
        var campaign = Planned();
        campaign.ListDrawn(Day, 120);
        campaign.ListDrawn(Day.AddDays(1), 80);
        Assert.Equal((Day.AddDays(1), 80), (campaign.BeneficiaryListDrawnOn!.Value, campaign.BeneficiaryListCount));
        campaign.Open(Day);
        campaign.Close(Day);
        Refused(Domain.Campaign.IsClosed, () => campaign.ListDrawn(Day.AddDays(2), 10));
        Assert.Equal(80, campaign.BeneficiaryListCount);
    }

    [Fact]
    public void A_campaign_names_at_most_its_maximum_of_partners()
    {
        var campaign = Planned();
        for (var i = 0; i < Domain.Campaign.MaxPartners; i++)
        {
            campaign.AddPartner(new CampaignPartner { Name = $"Partner {i}" });
        }

        Refused(Domain.Campaign.TooManyPartners, () => campaign.AddPartner(new CampaignPartner { Name = "One more" }));
        Assert.Equal(Domain.Campaign.MaxPartners, campaign.Partners.Count);
    }

    [Fact]
    public void A_result_counts_in_the_totals_and_is_corrected_once()
    {
        var campaign = Planned();
        campaign.Open(Day);
        var result = campaign.RecordResult(Day, new Figures { PeopleServed = 40 }, "note", "officer", DateTimeOffset.UnixEpoch);
        var (correcting, change) = campaign.CorrectResult(result, new Figures { PeopleServed = 45 }, "miscounted", "officer", DateTimeOffset.UnixEpoch);
        Assert.Equal((45L, 5L, correcting.Id, result.Id), (campaign.Totals.PeopleServed, change.PeopleServed, result.CorrectedByResultId, correcting.CorrectsResultId));
        Refused(Domain.Campaign.AlreadyCorrected, () => campaign.CorrectResult(result, new Figures(), "again", "officer", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Nothing_is_recorded_for_an_anonymised_donor()
    {
        var donor = Donor();
        Assert.Null(donor.Anonymise(DateTimeOffset.UnixEpoch, [], []));
        Assert.Equal(BloodDonor.AlreadyAnonymised, donor.Anonymise(DateTimeOffset.UnixEpoch, [], []));
        Refused(BloodDonor.AlreadyAnonymised, () => donor.Defer(Day, null, "reason", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_donor_gives_within_age_weight_and_volume()
    {
        Refused(EligibilityRules.TooYoung, () => Rules.CheckDonor(Donor(birth: Day.AddYears(-17)), Day, 600, 350));
        Refused(EligibilityRules.TooOld, () => Rules.CheckDonor(Donor(birth: Day.AddYears(-61)), Day, 600, 350));
        Refused(EligibilityRules.Underweight, () => Rules.CheckDonor(Donor(), Day, 449, 250));
        Refused(EligibilityRules.VolumeOverWeightLimit, () => Rules.CheckDonor(Donor(), Day, 450, 450));
        Refused(EligibilityRules.VolumeOverMaximum, () => Rules.CheckDonor(Donor(), Day, 1000, 600));
    }

    [Fact]
    public void A_donation_keeps_the_intervals_and_no_deferral()
    {
        var donor = Donor();
        var first = donor.RecordDonation(new DonationDraft(BloodDonation.WholeBlood, 350, Day, null), null, null, Rules, (null, null), null, DateTimeOffset.UnixEpoch);
        Assert.Equal((1, Day.AddDays(84)), (donor.DonationCount, donor.NextEligibleOn));
        Refused(EligibilityRules.IntervalTooShort, () => Rules.CheckIntervals(first, null, Day.AddDays(83), BloodDonation.WholeBlood));
        Refused(EligibilityRules.IntervalTooShort, () => Rules.CheckIntervals(null, first, Day.AddDays(-83), BloodDonation.WholeBlood));
        var deferral = donor.Defer(Day, null, "reason", DateTimeOffset.UnixEpoch);
        Assert.Equal(DateOnly.MaxValue, donor.DeferredUntil);
        Refused(EligibilityRules.Deferred, () => EligibilityRules.CheckDeferral(deferral));
    }

    private static Domain.Campaign Planned() => new()
    {
        Id = Guid.NewGuid(), OrgUnitCode = "058", OrgUnitPath = "06/058", StartDate = Day, EndDate = Day.AddDays(30),
    };

    private static BloodDonor Donor(DateOnly? birth = null) => new()
    {
        Id = Guid.NewGuid(), FullName = "Nguyễn Văn A", BirthDate = birth ?? new DateOnly(1990, 1, 1), Sex = BloodDonor.Male, WeightTenthsKg = 600,
    };

    private static void Refused(string reason, Action act) => Assert.Equal(reason, Assert.Throws<RuleViolationException>(act).Reason);
}
