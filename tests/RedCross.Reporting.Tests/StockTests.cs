using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Data;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Stocks at a period's end (active members, open and overdue humanitarian addresses), kept as monthly deltas:
/// random histories published in random order give, at every quarter's end and in every unit, the counts a direct
/// reading of the timelines gives; and the deltas equal those derived from the whole timelines at once.</summary>
public sealed class StockTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly string[] Communes = ["01834", "01837", "01852"];
    private static readonly string[] Statuses = ["active", "active", "lapsed", "left", "deceased"];

    private static readonly List<DateOnly> QuarterEnds = [.. Enumerable.Range(1, 12).Select(q => new DateOnly(2040, 1, 1).AddMonths(3 * q).AddDays(-1))];

    private sealed record Point(Guid MemberId, DateOnly On, DateTimeOffset RecordedAt, string Status, string Unit);

    private sealed record AddressPoint(Guid AddressId, DateOnly On, DateTimeOffset RecordedAt, DateOnly? DueOn, string Unit);

    [Fact]
    public async Task Random_member_histories_in_random_order_count_active_members_as_the_timeline_says()
    {
        await factory.EnsureTree();
        var random = new Random(2040);
        var points = new List<Point>();
        var events = new List<IIntegrationEvent>();
        var recordedAt = DateTimeOffset.UtcNow;
        for (var m = 0; m < 80; m++)
        {
            var member = Guid.NewGuid();
            var unit = Communes[random.Next(Communes.Length)];
            var joined = new DateOnly(2040, 1, 1).AddDays(random.Next(700));
            recordedAt = recordedAt.AddSeconds(1);
            points.Add(new Point(member, joined, recordedAt, "active", unit));
            events.Add(new MemberRegistered(Guid.NewGuid(), recordedAt, unit, member, joined, new DateOnly(1980, 1, 1), "female", false));
            for (var change = random.Next(4); change > 0; change--)
            {
                // Some on the same day as another point, some dated before the join (a correction entered later).
                var on = random.Next(5) == 0 ? joined : new DateOnly(2040, 1, 1).AddDays(random.Next(1_000));
                recordedAt = recordedAt.AddSeconds(1);
                if (random.Next(3) == 0)
                {
                    var to = Communes[random.Next(Communes.Length)];
                    points.Add(new Point(member, on, recordedAt, "active", to));
                    events.Add(new MemberTransferred(Guid.NewGuid(), recordedAt, to, member, unit, "active", on));
                    unit = to;
                }
                else
                {
                    var status = Statuses[random.Next(Statuses.Length)];
                    points.Add(new Point(member, on, recordedAt, status, unit));
                    events.Add(new MemberStatusChanged(Guid.NewGuid(), recordedAt, unit, member, "active", status, on));
                }
            }
        }

        foreach (var e in events.OrderBy(_ => random.Next()))
        {
            await factory.Publish(e);
        }

        await AssertCounts("membership.members.active", (units, end) => Expected(points, units, end));
    }

    [Fact]
    public async Task Random_address_histories_in_random_order_count_open_and_overdue_as_the_timeline_says()
    {
        await factory.EnsureTree();
        var random = new Random(2041);
        var points = new List<AddressPoint>();
        var events = new List<IIntegrationEvent>();
        var recordedAt = DateTimeOffset.UtcNow;
        for (var a = 0; a < 60; a++)
        {
            var address = Guid.NewGuid();
            var unit = Communes[random.Next(Communes.Length)];
            var opened = new DateOnly(2040, 1, 1).AddDays(random.Next(500));
            var due = opened.AddMonths(random.Next(1, 13));
            recordedAt = recordedAt.AddSeconds(1);
            points.Add(new AddressPoint(address, opened, recordedAt, due, unit));
            events.Add(new AddressOpened(Guid.NewGuid(), recordedAt, unit, address, opened, due));
            for (var change = random.Next(4); change > 0; change--)
            {
                var on = random.Next(5) == 0 ? opened : opened.AddDays(random.Next(-30, 800));
                recordedAt = recordedAt.AddSeconds(1);
                if (random.Next(4) == 0)
                {
                    points.Add(new AddressPoint(address, on, recordedAt, null, unit));
                    events.Add(new AddressClosed(Guid.NewGuid(), recordedAt, unit, address, on, "left"));
                    if (random.Next(2) == 0)
                    {
                        // A review whose outcome closes the address is published with the closing, same day and time.
                        events.Add(new AddressReviewed(Guid.NewGuid(), recordedAt, unit, address, on, "deceased", null));
                    }
                }
                else
                {
                    var next = on.AddMonths(random.Next(1, 13));
                    points.Add(new AddressPoint(address, on, recordedAt, next, unit));
                    events.Add(new AddressReviewed(Guid.NewGuid(), recordedAt, unit, address, on, "still_eligible", next));
                }
            }
        }

        foreach (var e in events.OrderBy(_ => random.Next()))
        {
            await factory.Publish(e);
        }

        await AssertCounts("relief.addresses.active", (units, end) => Latest(points, units, end).Count(p => p.DueOn is not null));
        await AssertCounts("relief.addresses.review_overdue", (units, end) => Latest(points, units, end).Count(p => p.DueOn < end));
    }

    /// <summary>Every commune and the town at every quarter's end, then the deltas against their derivation from the timelines.</summary>
    private async Task AssertCounts(string code, Func<string[], DateOnly, long> expected)
    {
        var client = factory.Client(factory.Tokens.ProvinceAdmin);
        foreach (var unit in Communes.Append("058"))
        {
            foreach (var end in QuarterEnds)
            {
                var count = expected(unit == "058" ? Communes : [unit], end);
                var period = $"{end.Year}-Q{((end.Month - 1) / 3) + 1}";
                await Eventually.Until(
                    async () => (await client.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period })).Indicators.Single(i => i.Code == code).Value,
                    v => v == count, what: $"{code} of {unit} in {period} to be {count}");
            }
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDb>();
        var kept = await Deltas(db);
        await db.Set<StockDelta>().ExecuteDeleteAsync();
        await db.Database.ExecuteSqlRawAsync(Stocks.FromTimelinesSql);
        Assert.Equal(kept, await Deltas(db));
    }

    private static IEnumerable<AddressPoint> Latest(List<AddressPoint> points, string[] units, DateOnly asOf) =>
        points.Where(p => p.On <= asOf).GroupBy(p => p.AddressId)
            .Select(g => g.OrderBy(p => p.On).ThenBy(p => p.RecordedAt).Last())
            .Where(p => units.Contains(p.Unit));

    /// <summary>The timeline read directly: each member's latest point on or before the day (later recording wins a tie).</summary>
    private static long Expected(List<Point> points, string[] units, DateOnly asOf) =>
        points.Where(p => p.On <= asOf).GroupBy(p => p.MemberId)
            .Select(g => g.OrderBy(p => p.On).ThenBy(p => p.RecordedAt).Last())
            .Count(p => p.Status == "active" && units.Contains(p.Unit));

    private static async Task<List<(string, string, string, long)>> Deltas(ReportingDb db) =>
        [.. (await db.Set<StockDelta>().AsNoTracking().Where(d => d.Value != 0).ToListAsync())
            .Select(d => (d.Code, d.OrgUnitCode, d.Month, d.Value)).Order()];
}
