using RedCross.Contracts.Events.Relief;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The cow bank in reporting: animals given and calves passed on count in the receiving household's unit
/// and every unit above it, on the event's local date; a given cow's value counts once in the activity value, a
/// pass-on adds none.</summary>
public sealed class LivestockReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Task<Dictionary<string, long>> Indicators(string unit, string period) =>
        factory.Client(factory.Tokens.ProvinceAdmin).IndicatorsAsync(unit, period);

    private Task<Dictionary<string, long>> WaitFor(string unit, string period, string code, long value) =>
        factory.Client(factory.Tokens.ProvinceAdmin).WaitForIndicatorAsync(unit, period, code, value);

    private static LivestockGiven Given(string unit, long vnd, DateOnly on) =>
        new(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "cow", "female", vnd, on);

    private static LivestockPassedOn PassedOn(string from, string to, DateOnly on) =>
        new(Guid.NewGuid(), Now, to, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), from, Guid.NewGuid(), "cow", on);

    [Fact]
    public async Task Cows_given_and_calves_passed_on_count_in_commune_district_and_province_for_the_year()
    {
        await factory.EnsureTree();
        await factory.Publish(Given("01834", 15_000_000, new DateOnly(2016, 3, 1)));
        await factory.Publish(Given("01837", 0, new DateOnly(2016, 5, 1)));
        await factory.Publish(Given("01834", 12_000_000, new DateOnly(2017, 1, 2)));
        await factory.Publish(PassedOn("01834", "01837", new DateOnly(2016, 11, 1)));
        await factory.Publish(PassedOn("01837", "01852", new DateOnly(2016, 12, 31)));
        // Events the cow bank publishes that reporting does not count yet are taken and ignored.
        await factory.Publish(new CalfBorn(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "cow", "female", 2, new DateOnly(2016, 4, 1)));

        // Each event type is projected in its own batches: wait for both before reading the others.
        await WaitFor("06", "2016", "relief.livestock.passed_on", 2);
        var province = await WaitFor("06", "2016", "relief.livestock.given", 2);
        Assert.Equal(15_000_000, province["relief.activity_value_vnd"]);
        var district = await Indicators("058", "2016");
        Assert.Equal((2L, 2L, 15_000_000L), (district["relief.livestock.given"], district["relief.livestock.passed_on"], district["relief.activity_value_vnd"]));

        var giver = await Indicators("01834", "2016");
        Assert.Equal((1L, 0L, 15_000_000L), (giver["relief.livestock.given"], giver["relief.livestock.passed_on"], giver["relief.activity_value_vnd"]));
        // The pass-on counts where the calf arrived, and brings no value with it.
        var receiver = await Indicators("01837", "2016");
        Assert.Equal((1L, 1L, 0L), (receiver["relief.livestock.given"], receiver["relief.livestock.passed_on"], receiver["relief.activity_value_vnd"]));
        Assert.Equal(1, (await Indicators("01852", "2016-Q4"))["relief.livestock.passed_on"]);
        Assert.Equal(0, (await Indicators("060", "2016"))["relief.livestock.given"]);

        var next = await WaitFor("058", "2017", "relief.livestock.given", 1);
        Assert.Equal((0L, 12_000_000L), (next["relief.livestock.passed_on"], next["relief.activity_value_vnd"]));
    }
}
