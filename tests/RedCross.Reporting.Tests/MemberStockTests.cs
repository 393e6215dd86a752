using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Data;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Active members at a period's end, kept as monthly deltas: random member histories (joins, lapses, departures,
/// transfers, corrections dated back) published in random order give, at every quarter's end and in every unit, the count
/// a direct reading of the timeline gives; and the deltas equal those derived from the whole timeline at once.</summary>
public sealed class MemberStockTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly string[] Communes = ["01834", "01837", "01852"];
    private static readonly string[] Statuses = ["active", "active", "lapsed", "left", "deceased"];

    private sealed record Point(Guid MemberId, DateOnly On, DateTimeOffset RecordedAt, string Status, string Unit);

    [Fact]
    public async Task Random_histories_in_random_order_count_as_the_timeline_says_at_every_period_end()
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

        var ends = Enumerable.Range(0, 12).Select(q => new DateOnly(2040, 1, 1).AddMonths(3 * (q + 1)).AddDays(-1)).ToList();
        var client = factory.Client(factory.Tokens.ProvinceAdmin);
        foreach (var unit in Communes.Append("058"))
        {
            foreach (var end in ends)
            {
                var expected = Expected(points, unit == "058" ? Communes : [unit], end);
                var period = $"{end.Year}-Q{((end.Month - 1) / 3) + 1}";
                await Eventually.Until(
                    async () => (await client.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period })).Indicators.Single(i => i.Code == "membership.members.active").Value,
                    v => v == expected, what: $"{unit} in {period} to count {expected} active members");
            }
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDb>();
        var kept = await Deltas(db);
        await db.Set<MemberStockDelta>().ExecuteDeleteAsync();
        await db.Database.ExecuteSqlRawAsync(MemberStock.FromTimelineSql);
        Assert.Equal(kept, await Deltas(db));
    }

    /// <summary>The timeline read directly: each member's latest point on or before the day (later recording wins a tie).</summary>
    private static long Expected(List<Point> points, string[] units, DateOnly asOf) =>
        points.Where(p => p.On <= asOf).GroupBy(p => p.MemberId)
            .Select(g => g.OrderBy(p => p.On).ThenBy(p => p.RecordedAt).Last())
            .Count(p => p.Status == "active" && units.Contains(p.Unit));

    private static async Task<List<(string, string, long)>> Deltas(ReportingDb db) =>
        [.. (await db.Set<MemberStockDelta>().AsNoTracking().Where(d => d.Value != 0).ToListAsync())
            .Select(d => (d.OrgUnitCode, d.Month, d.Value)).OrderBy(d => d.OrgUnitCode, StringComparer.Ordinal).ThenBy(d => d.Month, StringComparer.Ordinal)];
}
