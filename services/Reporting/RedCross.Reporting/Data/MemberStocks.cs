using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Data;

/// <summary>What the stocks of members need to know of a member to break them down: the sex as recorded, the year of
/// birth and whether the member volunteers. Neither the day nor the month of birth is kept: the age breakdown is given
/// at years' ends, and a person's age on 31 December follows from the year of birth alone.</summary>
internal sealed record MemberProfile(string? Sex, int? BirthYear, bool Volunteer)
{
    /// <summary>A member whose registration has not arrived yet: counted as other or unknown, age unknown, no volunteer.</summary>
    public static readonly MemberProfile Unknown = new(null, null, false);

    public static MemberProfile Of(string sex, DateOnly birthDate, bool volunteer) =>
        new(sex, birthDate.Year, volunteer);
}

/// <summary>The member stocks by sex and FDRS age band (active members; active volunteers, members flagged as
/// volunteers). A member's profile is a fact about the whole member, not dated: when it changes, every span of the
/// member's timeline is counted again with the new profile, so a correction of a birth date or of the volunteer flag
/// moves the member in every period. Events carry no date for those changes, so none can be placed on the timeline.</summary>
internal static class MemberStocks
{
    /// <summary>The spans of a member point, for the member's <paramref name="profile"/>: the total, its sex part and its
    /// age parts, in active members and, for a volunteer, in active volunteers.</summary>
    public static Func<StockPoint, DateOnly?, IEnumerable<StockChange>> Spans(MemberProfile profile) => (point, until) =>
        point.Status != Stocks.MemberActive
            ? []
            : profile.Volunteer
                ? [.. Person(Indicators.MembersActive, point, until, profile), .. Person(Indicators.VolunteersActive, point, until, profile)]
                : Person(Indicators.MembersActive, point, until, profile);

    /// <summary>The deltas of counting a member's whole timeline (<paramref name="points"/> in timeline order) with
    /// <paramref name="now"/> instead of <paramref name="before"/>.</summary>
    public static IEnumerable<(string Code, string Unit, string Month, int Value)> Reprofiled(
        IReadOnlyList<StockPoint> points, MemberProfile before, MemberProfile now)
    {
        var (oldSpans, newSpans) = (Spans(before), Spans(now));
        var changes = points.SelectMany((point, i) =>
        {
            var until = i + 1 < points.Count ? points[i + 1].Day : (DateOnly?)null;
            return oldSpans(point, until).Select(c => c with { Value = -c.Value }).Concat(newSpans(point, until));
        });
        return Stocks.ByMonth(changes);
    }

    // The parts are kept by year ("2013", not "2013-05"): a year of birth gives a person's age on 31 December only, so the
    // breakdowns of the stocks are given at years' ends, and by month they would multiply the rows the province's report
    // reads by twelve. A band changes on a birthday no event announces, so a span is cut into its bands when written,
    // future years included: on 31 December of year Y a person born in year B is Y - B, in the band whose ages hold it.
    private static IEnumerable<StockChange> Person(string code, StockPoint point, DateOnly? until, MemberProfile profile)
    {
        var changes = Stocks.Span(code, point.Unit, point.Day, until)
            .Concat(Stocks.Span(PeopleBreakdown.BySex(code, PeopleBreakdown.SexKey(profile.Sex)), point.Unit, point.Day, until));
        if (profile.BirthYear is not { } born)
        {
            return changes.Concat(Stocks.Span(PeopleBreakdown.ByAge(code, PeopleBreakdown.UnknownAge), point.Unit, point.Day, until));
        }

        return changes.Concat(Bands.SelectMany(band => Stocks.Span(PeopleBreakdown.ByAge(code, band.Key), point.Unit,
            band.FromAge is { } from && NewYear(born + from) > point.Day ? NewYear(born + from) : point.Day,
            band.ToAge is { } to && (until is null || NewYear(born + to) < until) ? NewYear(born + to) : until)));
    }

    private static DateOnly NewYear(int year) => new(Math.Clamp(year, 1, 9999), 1, 1);

    /// <summary>The FDRS bands with the ages that start them and the next one (none below the first or above the last,
    /// so the bands cover every span and the age parts sum to the total).</summary>
    private static readonly (string Key, int? FromAge, int? ToAge)[] Bands = [.. PersonBands.AgeBands.Select((band, i) => (
        PeopleBreakdown.AgeKey(band),
        i == 0 ? (int?)null : StartAge(band),
        i + 1 < PersonBands.AgeBands.Count ? StartAge(PersonBands.AgeBands[i + 1]) : (int?)null))];

    private static int StartAge(string band) => int.Parse(band.TrimEnd('+').Split('-')[0], CultureInfo.InvariantCulture);

    /// <summary>Whether a stock's deltas are kept by year: the parts of the member stocks.</summary>
    public static bool ByYear(string code) =>
        PeopleBreakdown.Stocks.Any(stock => code.StartsWith(stock + ".", StringComparison.Ordinal));

    /// <summary>Whether a stock's rows count at <paramref name="asOf"/>: the parts kept by year on a year's last day only.</summary>
    public static bool CountsAt(string code, DateOnly asOf) => !ByYear(code) || (asOf.Month == 12 && asOf.Day == 31);

    /// <summary>The SQL form of <see cref="Spans"/> for <see cref="Stocks.FromTimelinesSql"/>: from the common table
    /// <c>m</c> (MemberId, OrgUnitCode, Day, NextDay, Status), every member span as (Code, OrgUnitCode, FromDay, NextDay,
    /// KeyLength: 7 for deltas by month, 4 by year).</summary>
    internal static readonly string SpansSql = $"""
        people (Code, OrgUnitCode, Day, NextDay, Sex, BirthYear) AS (
            SELECT '{Indicators.MembersActive}', m.OrgUnitCode, m.Day, m.NextDay, p.Sex, p.BirthYear
            FROM m LEFT JOIN member_profiles p ON p.MemberId = m.MemberId WHERE m.Status = '{Stocks.MemberActive}'
            UNION ALL
            SELECT '{Indicators.VolunteersActive}', m.OrgUnitCode, m.Day, m.NextDay, p.Sex, p.BirthYear
            FROM m JOIN member_profiles p ON p.MemberId = m.MemberId WHERE m.Status = '{Stocks.MemberActive}' AND p.Volunteer),
        bands (Key, FromAge, ToAge) AS (VALUES {string.Join(", ", Bands.Select(b => $"('{b.Key}', {Sql(b.FromAge)}, {Sql(b.ToAge)})"))}),
        member_spans (Code, OrgUnitCode, FromDay, NextDay, KeyLength) AS (
            SELECT Code, OrgUnitCode, Day, NextDay, 7 FROM people
            UNION ALL
            SELECT Code || '.sex.' || CASE WHEN Sex IN ('female', 'male') THEN Sex ELSE '{PeopleBreakdown.OtherOrUnknownSex}' END,
                   OrgUnitCode, Day, NextDay, 4 FROM people
            UNION ALL
            SELECT Code || '.age.{PeopleBreakdown.UnknownAge}', OrgUnitCode, Day, NextDay, 4 FROM people WHERE BirthYear IS NULL
            UNION ALL
            SELECT Code || '.age.' || b.Key, OrgUnitCode,
                   CASE WHEN b.FromAge IS NULL THEN Day ELSE max(Day, printf('%04d-01-01', BirthYear + b.FromAge)) END,
                   CASE WHEN b.ToAge IS NULL THEN NextDay
                        WHEN NextDay IS NULL THEN printf('%04d-01-01', BirthYear + b.ToAge)
                        ELSE min(NextDay, printf('%04d-01-01', BirthYear + b.ToAge)) END,
                   4
            FROM people JOIN bands b WHERE BirthYear IS NOT NULL)
        """;

    private static string Sql(int? age) => age?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    public static ModelBuilder AddMemberProfiles(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MemberProfileRow>(e =>
        {
            e.ToTable("member_profiles");
            e.HasKey(x => x.MemberId);
        });
        return modelBuilder;
    }
}

/// <summary>A member's profile as stored (<see cref="MemberProfile"/>).</summary>
internal sealed class MemberProfileRow
{
    public Guid MemberId { get; set; }

    public string? Sex { get; set; }

    public int? BirthYear { get; set; }

    public bool Volunteer { get; set; }

    /// <summary>When the profile was recorded: an older registration or change arriving late does not undo a newer one.</summary>
    public long SetAtTicks { get; set; }
}
