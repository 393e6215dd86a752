using RedCross.Contracts.Events.Membership;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Members who move between units, on a reporting host of their own (the figures are whole-district counts
/// that other tests' members would change).</summary>
public sealed class TransferReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Task<Dictionary<string, long>> Annual(string unit, int year) => Indicators(unit, year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private Task<Dictionary<string, long>> Indicators(string unit, string period) =>
        factory.Client(factory.Tokens.ProvinceAdmin).IndicatorsAsync(unit, period);

    private Task<Dictionary<string, long>> WaitFor(string unit, string period, string code, long value) =>
        factory.Client(factory.Tokens.ProvinceAdmin).WaitForIndicatorAsync(unit, period, code, value);

    private static MemberRegistered Registered(string unit, DateOnly joined, Guid id) =>
        new(Guid.NewGuid(), Now, unit, id, joined, new DateOnly(1980, 1, 1), "female", false);

    [Fact]
    public async Task A_transferred_member_counts_in_the_old_unit_before_the_date_in_the_new_one_from_it_and_once_above()
    {
        await factory.EnsureTree();
        var member = Guid.NewGuid();
        await factory.Publish(Registered("01834", new DateOnly(2013, 3, 1), member));
        await factory.Publish(new MemberTransferred(Guid.NewGuid(), Now.AddSeconds(1), "01837", member, "01834", "active", new DateOnly(2013, 7, 1)));

        await WaitFor("01837", "2013-12", "membership.members.active", 1);
        // Registrations and transfers are applied in batches per type: wait for both.
        await WaitFor("01834", "2013-06", "membership.members.active", 1);
        Assert.Equal(0, (await Indicators("01837", "2013-06"))["membership.members.active"]);
        Assert.Equal(0, (await Indicators("01834", "2013-12"))["membership.members.active"]);
        foreach (var period in new[] { "2013-06", "2013-12" })
        {
            Assert.Equal(1, (await Indicators("058", period))["membership.members.active"]);
            Assert.Equal(1, (await Indicators("06", period))["membership.members.active"]);
        }

        Assert.Equal(1, (await Annual("058", 2013))["membership.members.new"]);
    }

    [Fact]
    public async Task Members_moved_by_a_closing_stay_whole_in_the_district()
    {
        await factory.EnsureTree();
        await factory.Publish(ReplicaTree.Unit("01855", "058", "06/058/01855", "commune", validTo: new DateOnly(2016, 6, 30)));
        var moved = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var member in moved)
        {
            await factory.Publish(Registered("01855", new DateOnly(2016, 2, 1), member));
            await factory.Publish(new MemberTransferred(Guid.NewGuid(), Now.AddSeconds(1), "01852", member, "01855", "active", new DateOnly(2016, 7, 1)));
        }

        await WaitFor("01852", "2016-Q3", "membership.members.active", 2);
        await WaitFor("01855", "2016-Q2", "membership.members.active", 2);
        foreach (var period in new[] { "2016-Q2", "2016-Q3", "2016" })
        {
            Assert.Equal(2, (await Indicators("058", period))["membership.members.active"]);
        }
    }
}
