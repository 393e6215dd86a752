using RedCross.Contracts.Events.Campaign;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Campaign as reporting's third source: campaigns held, people served, visits by kind, communication sessions, funds raised and blood
/// donations move the unit's indicators and every unit's above it; a correcting entry changes the day it corrects.</summary>
public sealed class CampaignReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Task<Dictionary<string, long>> Indicators(string unit, string period) =>
        factory.Client(factory.Tokens.ProvinceAdmin).IndicatorsAsync(unit, period);

    private Task<Dictionary<string, long>> WaitFor(string unit, string period, string code, long value) =>
        factory.Client(factory.Tokens.ProvinceAdmin).WaitForIndicatorAsync(unit, period, code, value);

    [Fact]
    public async Task A_health_programme_counts_as_held_in_its_start_year_with_its_visits_by_kind_and_a_correction_applied()
    {
        await factory.EnsureTree();
        var campaign = Guid.NewGuid();
        // Opened late, in 2014: it ran from June 2013, so it was held in 2013.
        await factory.Publish(new CampaignOpened(Guid.NewGuid(), Now, "01852", campaign, "health_check", new DateOnly(2013, 6, 1), new DateOnly(2013, 12, 31), new DateOnly(2014, 1, 5)));
        var first = new CampaignResultRecorded(Guid.NewGuid(), Now, "01852", campaign, Guid.NewGuid(), "health_check", new DateOnly(2013, 6, 15), 300, 1200, 500, 4, 5_000_000);
        // The correction arrives before the entry it corrects.
        await factory.Publish(new CampaignResultCorrected(Guid.NewGuid(), Now, "01852", campaign, Guid.NewGuid(), first.ResultId, "health_check", first.RecordedOn, 0, -50, 0, 0, 0));
        await factory.Publish(first);
        await factory.Publish(new CampaignResultRecorded(Guid.NewGuid(), Now, "01852", campaign, Guid.NewGuid(), "health_check", new DateOnly(2013, 7, 1), 250, 1400, 0, 0, 0));
        await factory.Publish(new CampaignClosed(Guid.NewGuid(), Now, "01852", campaign, "health_check", new DateOnly(2013, 12, 31), 550, 2550, 500, 4, 5_000_000, 0));

        await WaitFor("058", "2013", "campaign.health.visits.examination", 2550);
        var district = await WaitFor("058", "2013", "campaign.campaigns.held", 1);
        // Visits are people examined or advised (2,550 + 500); the 4 communication sessions are meetings, counted apart.
        Assert.Equal((550L, 2550L, 500L, 4L, 3050L, 5_000_000L), (district["campaign.people.served"], district["campaign.health.visits.examination"],
            district["campaign.health.visits.consultation"], district["campaign.health.communication_sessions"], district["campaign.health.visits"], district["campaign.funds.raised_vnd"]));
        Assert.Equal(0, (await Indicators("058", "2014")).GetValueOrDefault("campaign.campaigns.held"));
        Assert.Equal(1650, (await Indicators("01852", "2013-06"))["campaign.health.visits.examination"] + (await Indicators("01852", "2013-06"))["campaign.health.visits.consultation"]);
    }

    [Fact]
    public async Task Blood_donations_count_in_the_donors_home_unit_with_their_volume()
    {
        await factory.EnsureTree();
        var donor = Guid.NewGuid();
        await factory.Publish(new BloodDonationRecorded(Guid.NewGuid(), Now, "01837", Guid.NewGuid(), donor, null, "whole_blood", 350, new DateOnly(2015, 3, 1), 1));
        await factory.Publish(new BloodDonationRecorded(Guid.NewGuid(), Now, "01837", Guid.NewGuid(), donor, Guid.NewGuid(), "plasma", 450, new DateOnly(2015, 12, 31), 2));

        await WaitFor("06", "2015", "campaign.blood.volume_ml", 800);
        var province = await WaitFor("06", "2015", "campaign.blood.donations", 2);
        Assert.Equal(800, province["campaign.blood.volume_ml"]);
        Assert.Equal(450, (await Indicators("01837", "2015-Q4"))["campaign.blood.volume_ml"]);
    }
}
