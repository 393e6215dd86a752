using RedCross.Contracts.Events.Relief;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Relief as reporting's second source: its events, published as relief's relay would, move the relief
/// indicators of the unit and every unit above it.</summary>
public sealed class ReliefReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Task<Dictionary<string, long>> Indicators(string unit, string period) =>
        factory.Client(factory.Tokens.ProvinceAdmin).IndicatorsAsync(unit, period);

    private Task<Dictionary<string, long>> WaitFor(string unit, string period, string code, long value) =>
        factory.Client(factory.Tokens.ProvinceAdmin).WaitForIndicatorAsync(unit, period, code, value);

    private static DistributionRecorded Recorded(string unit, long vnd, DateOnly on, Guid? id = null, string source = "donation") =>
        new(Guid.NewGuid(), Now, unit, id ?? Guid.NewGuid(), Guid.NewGuid(), "cash", vnd, source, source == "donation" ? Guid.NewGuid() : null, Guid.NewGuid(), null, on);

    private static DistributionReversed Reversal(DistributionRecorded d) =>
        new(Guid.NewGuid(), Now, d.OrgUnitCode, d.DistributionId, d.BeneficiaryId, d.Kind, d.ValueVnd, d.SourceKind, d.DonationId, d.SponsorId, d.CampaignRef, d.HandedOverOn);

    [Fact]
    public async Task A_donation_distributed_counts_once_in_activity_value_and_sponsor_direct_gifts_count_too()
    {
        await factory.EnsureTree();
        await factory.Publish(new DonationReceived(Guid.NewGuid(), Now, "058", Guid.NewGuid(), Guid.NewGuid(), "organisation", "cash", 150_000_000, new DateOnly(2013, 6, 1), "Khám bệnh, tặng quà", null));
        await factory.Publish(Recorded("01834", 300_000, new DateOnly(2013, 6, 2)));
        await factory.Publish(Recorded("01837", 200_000, new DateOnly(2013, 6, 3), source: "sponsor_direct"));

        // Each event type is projected in its own batches: wait for both kinds before reading the district.
        await WaitFor("06", "2013", "relief.beneficiaries.reached", 2);
        await WaitFor("06", "2013", "relief.donations.received_vnd", 150_000_000);
        var district = await Indicators("058", "2013");
        Assert.Equal((150_000_000L, 500_000L, 2L), (district["relief.donations.received_vnd"], district["relief.activity_value_vnd"], district["relief.beneficiaries.reached"]));
        Assert.Equal(300_000, (await Indicators("01834", "2013"))["relief.activity_value_vnd"]);
    }

    [Fact]
    public async Task A_reversed_distribution_no_longer_counts_whatever_the_arrival_order()
    {
        await factory.EnsureTree();
        var kept = Recorded("01852", 1_000_000, new DateOnly(2014, 3, 1));
        var undone = Recorded("01852", 400_000, new DateOnly(2014, 3, 2));
        // The reversal arrives before the distribution it corrects.
        await factory.Publish(Reversal(undone));
        await factory.Publish(undone);
        await factory.Publish(kept);

        await WaitFor("01852", "2014", "relief.beneficiaries.reached", 1);
        await WaitFor("01852", "2014", "relief.activity_value_vnd", 1_000_000);
    }

    [Fact]
    public async Task A_gift_at_23_30_local_time_on_31_december_counts_in_that_year()
    {
        await factory.EnsureTree();
        // 23:30 in Hà Nội is 16:30 UTC the same day; the event carries the local date, and periods are cut on it.
        await factory.Publish(Recorded("060", 700_000, new DateOnly(2015, 12, 31)));

        await WaitFor("060", "2015", "relief.activity_value_vnd", 700_000);
        Assert.Equal(700_000, (await Indicators("060", "2015-Q4"))["relief.activity_value_vnd"]);
        Assert.Equal(0, (await Indicators("060", "2016"))["relief.activity_value_vnd"]);
    }

    [Fact]
    public async Task Registrations_count_in_the_home_unit_and_above_on_their_registration_date()
    {
        await factory.EnsureTree();
        foreach (var (unit, on) in new[] { ("01834", new DateOnly(2016, 1, 1)), ("01834", new DateOnly(2016, 12, 31)), ("01837", new DateOnly(2016, 5, 5)), ("01837", new DateOnly(2017, 1, 1)) })
        {
            await factory.Publish(new BeneficiaryRegistered(Guid.NewGuid(), Now, unit, Guid.NewGuid(), "person", ["poor"], 1, on));
        }

        await WaitFor("06", "2016", "relief.beneficiaries.registered", 3);
        Assert.Equal(2, (await Indicators("01834", "2016"))["relief.beneficiaries.registered"]);
        Assert.Equal(1, (await Indicators("058", "2017"))["relief.beneficiaries.registered"]);
    }
}
