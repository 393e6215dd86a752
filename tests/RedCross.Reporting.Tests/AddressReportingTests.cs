using Grpc.Core;
using RedCross.Contracts.Events.Relief;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Humanitarian addresses in reporting, on a host of their own (the figures are whole-province counts): active
/// and review-overdue addresses are point-in-time figures at the end of the period asked for.</summary>
public sealed class AddressReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private const string Active = "relief.addresses.active";
    private const string Overdue = "relief.addresses.review_overdue";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Task<Dictionary<string, long>> Indicators(string unit, string period) =>
        factory.Client(factory.Tokens.ProvinceAdmin).IndicatorsAsync(unit, period);

    private async Task<(long Active, long Overdue)> Figures(string unit, string period)
    {
        var values = await Indicators(unit, period);
        return (values[Active], values[Overdue]);
    }

    private static AddressOpened Opened(Guid id, string unit, DateOnly on, DateOnly due) => new(Guid.NewGuid(), Now, unit, id, on, due);

    private static AddressReviewed Reviewed(Guid id, string unit, DateOnly on, string outcome, DateOnly? next, int second = 1) =>
        new(Guid.NewGuid(), Now.AddSeconds(second), unit, id, on, outcome, next);

    [Fact]
    public async Task Active_and_overdue_addresses_are_counted_at_the_end_of_each_period_in_commune_district_and_province()
    {
        await factory.EnsureTree();
        var (a, b, c, d, e, f) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // d closes in August 2013; its closing arrives before its opening.
        await factory.Publish(new AddressClosed(Guid.NewGuid(), Now.AddSeconds(2), "01852", d, new DateOnly(2013, 8, 1), "deceased"));
        await factory.Publish(Reviewed(d, "01852", new DateOnly(2013, 8, 1), "deceased", null));
        await factory.Publish(Opened(d, "01852", new DateOnly(2012, 1, 5), new DateOnly(2013, 1, 5)));
        await factory.Publish(Opened(a, "01834", new DateOnly(2013, 2, 1), new DateOnly(2014, 2, 1)));
        await factory.Publish(Opened(b, "01834", new DateOnly(2012, 6, 1), new DateOnly(2013, 6, 1)));
        await factory.Publish(Opened(c, "01837", new DateOnly(2012, 3, 1), new DateOnly(2013, 3, 1)));
        await factory.Publish(Reviewed(c, "01837", new DateOnly(2013, 3, 10), "still_eligible", new DateOnly(2014, 3, 10)));
        await factory.Publish(Opened(e, "060", new DateOnly(2013, 5, 1), new DateOnly(2013, 11, 1)));
        await factory.Publish(Opened(f, "01837", new DateOnly(2014, 1, 5), new DateOnly(2015, 1, 5)));
        await factory.Publish(new AddressAssisted(Guid.NewGuid(), Now, "01834", a, new DateOnly(2013, 7, 1), "in_kind", 1_500_000));

        // Each event type is projected in its own batches: wait until every one of them shows.
        await Eventually.Until(async () =>
        {
            try
            {
                return await Indicators("06", "2013");
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return [];
            }
        }, v => v.GetValueOrDefault(Active) == 4 && v.GetValueOrDefault(Overdue) == 2 && v.GetValueOrDefault("relief.activity_value_vnd") == 1_500_000,
            what: "the 2013 address figures of 06");
        await Eventually.Until(() => Figures("058", "2013-Q1"), x => x == (4, 1), what: "d's opening and c's review in 058's first quarter");

        // 31 December 2013: a and b open in 01834, b overdue since June; c reviewed in March, due 2014; d closed; e
        // (a six-month interval) overdue since November; f not opened yet.
        Assert.Equal((2L, 1L), await Figures("01834", "2013"));
        Assert.Equal((1L, 0L), await Figures("01837", "2013"));
        Assert.Equal((0L, 0L), await Figures("01852", "2013"));
        Assert.Equal((3L, 1L), await Figures("058", "2013"));
        Assert.Equal((1L, 1L), await Figures("060", "2013"));
        Assert.Equal(1_500_000, (await Indicators("058", "2013"))["relief.activity_value_vnd"]);

        // A year earlier nothing was due yet; a year later everything still open but f is.
        Assert.Equal((3L, 0L), await Figures("058", "2012"));
        Assert.Equal((5L, 4L), await Figures("06", "2014"));
        // The end of the first quarter of 2013: d still open and overdue since January, c just reviewed.
        Assert.Equal((4L, 1L), await Figures("058", "2013-Q1"));
    }
}
