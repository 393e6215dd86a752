using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
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

    private static readonly string[] Sexes = ["female", "male", "other"];

    private sealed record Point(Guid MemberId, DateOnly On, DateTimeOffset RecordedAt, string Status, string Unit);

    /// <summary>A member's sex, birth date and volunteer flag as recorded at a time (at registration, or changed later).</summary>
    private sealed record Profile(Guid MemberId, DateTimeOffset RecordedAt, string Sex, DateOnly BirthDate, bool Volunteer);

    private sealed record AddressPoint(Guid AddressId, DateOnly On, DateTimeOffset RecordedAt, DateOnly? DueOn, string Unit);

    /// <summary>Active members and active volunteers, each by sex at every quarter's end and by FDRS age band at every
    /// year's end, with profiles changed after registration (a change may arrive before the registration it follows).</summary>
    [Fact]
    public async Task Random_member_histories_in_random_order_count_active_members_as_the_timeline_says()
    {
        await factory.EnsureTree();
        var random = new Random(2040);
        var points = new List<Point>();
        var profiles = new List<Profile>();
        var events = new List<IIntegrationEvent>();
        var recordedAt = DateTimeOffset.UtcNow;
        for (var m = 0; m < 80; m++)
        {
            var member = Guid.NewGuid();
            var unit = Communes[random.Next(Communes.Length)];
            var joined = new DateOnly(2040, 1, 1).AddDays(random.Next(700));
            recordedAt = recordedAt.AddSeconds(1);
            points.Add(new Point(member, joined, recordedAt, "active", unit));
            // Ages from newborn to 90 at the start, so that members cross bands (at 6, 13, 18, 30 ...) within the years counted.
            var profile = RandomProfile(random, member, recordedAt);
            profiles.Add(profile);
            events.Add(new MemberRegistered(Guid.NewGuid(), recordedAt, unit, member, joined, profile.BirthDate, profile.Sex, profile.Volunteer));
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
                else if (random.Next(4) == 0)
                {
                    var changed = RandomProfile(random, member, recordedAt);
                    profiles.Add(changed);
                    events.Add(new MemberDetailsChanged(Guid.NewGuid(), recordedAt, unit, member, changed.BirthDate, changed.Sex, changed.Volunteer));
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

        await AssertCounts([.. MemberStockCodes], (units, end) => Expected(points, profiles, units, end));
    }

    private static Profile RandomProfile(Random random, Guid member, DateTimeOffset recordedAt) =>
        new(member, recordedAt, Sexes[random.Next(Sexes.Length)], new DateOnly(2040, 1, 1).AddDays(-random.Next(90 * 365)), random.Next(3) == 0);

    /// <summary>The member stocks and every part of them in the catalogue.</summary>
    private static IEnumerable<string> MemberStockCodes => Indicators.Catalog
        .Where(i => i.Code is Indicators.MembersActive or Indicators.VolunteersActive || i.PartOf is Indicators.MembersActive or Indicators.VolunteersActive)
        .Select(i => i.Code);

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

        await AssertCounts(["relief.addresses.active", "relief.addresses.review_overdue"], (units, end) => new Dictionary<string, long>
        {
            ["relief.addresses.active"] = Latest(points, units, end).Count(p => p.DueOn is not null),
            ["relief.addresses.review_overdue"] = Latest(points, units, end).Count(p => p.DueOn < end),
        });
    }

    /// <summary>Every commune and the town at every quarter's end and every year's (the age parts of the member stocks
    /// exist for years only), then the deltas against their derivation from the timelines.</summary>
    private async Task AssertCounts(string[] codes, Func<string[], DateOnly, Dictionary<string, long>> expected)
    {
        var client = factory.Client(factory.Tokens.ProvinceAdmin);
        var periods = QuarterEnds.Select(end => (End: end, Key: $"{end.Year}-Q{((end.Month - 1) / 3) + 1}"))
            .Concat(QuarterEnds.Where(end => end.Month == 12).Select(end => (End: end, Key: $"{end.Year}")));
        foreach (var unit in Communes.Append("058"))
        {
            foreach (var (end, period) in periods)
            {
                var counts = expected(unit == "058" ? Communes : [unit], end);
                var asked = period.Length == 4 ? codes : codes.Where(c => !PeopleBreakdown.IsYearOnly(c)).ToArray();
                var wanted = string.Join(", ", asked.Select(c => $"{c}={counts.GetValueOrDefault(c)}"));
                await Eventually.Until(
                    async () => (await client.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period })).Indicators
                        .Where(i => codes.Contains(i.Code)).Select(i => $"{i.Code}={i.Value}").ToList(),
                    got => string.Join(", ", got.Order()) == string.Join(", ", wanted.Split(", ").Order()),
                    what: $"{unit} in {period} to have {wanted}");
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

    /// <summary>The timeline read directly: each member's latest point on or before the day (later recording wins a
    /// tie); an active member counted by the latest profile recorded, at the age on the day, and again among volunteers
    /// when flagged.</summary>
    private static Dictionary<string, long> Expected(List<Point> points, List<Profile> profiles, string[] units, DateOnly asOf)
    {
        var counts = new Dictionary<string, long>();
        var active = points.Where(p => p.On <= asOf).GroupBy(p => p.MemberId)
            .Select(g => g.OrderBy(p => p.On).ThenBy(p => p.RecordedAt).Last())
            .Where(p => p.Status == "active" && units.Contains(p.Unit));
        foreach (var point in active)
        {
            var profile = profiles.Where(p => p.MemberId == point.MemberId).MaxBy(p => p.RecordedAt)!;
            var band = PeopleBreakdown.AgeKey(PersonBands.AgeBandAt(profile.BirthDate, asOf));
            foreach (var figure in profile.Volunteer ? [Indicators.MembersActive, Indicators.VolunteersActive] : new[] { Indicators.MembersActive })
            {
                foreach (var code in new[] { figure, PeopleBreakdown.BySex(figure, PeopleBreakdown.SexKey(profile.Sex)), PeopleBreakdown.ByAge(figure, band) })
                {
                    counts[code] = counts.GetValueOrDefault(code) + 1;
                }
            }
        }

        return counts;
    }

    private static async Task<List<(string, string, string, long)>> Deltas(ReportingDb db) =>
        [.. (await db.Set<StockDelta>().AsNoTracking().Where(d => d.Value != 0).ToListAsync())
            .Select(d => (d.Code, d.OrgUnitCode, d.Month, d.Value)).Order()];
}
