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

    // The age part is kept by year of birth ("….born.1980"), not by band: a band changes on a birthday with no event to
    // say so, while a year of birth never changes. Its deltas are by year ("2013", not "2013-05"): a year of birth gives
    // the age at a year's end only, so the age parts exist for years, and keeping them by month would multiply the rows
    // by twelve for nothing. Reads turn the years of birth into bands at the year's end asked for.
    private static IEnumerable<StockChange> Person(string code, StockPoint point, DateOnly? until, MemberProfile profile) =>
    [
        .. Stocks.Span(code, point.Unit, point.Day, until),
        .. Stocks.Span(PeopleBreakdown.BySex(code, PeopleBreakdown.SexKey(profile.Sex)), point.Unit, point.Day, until),
        .. Stocks.Span(profile.BirthYear is { } year ? $"{code}{BornPart}{year}" : PeopleBreakdown.ByAge(code, PeopleBreakdown.UnknownAge), point.Unit, point.Day, until),
    ];

    private const string BornPart = ".born.";

    /// <summary>Whether a stock's deltas are kept by year: the parts by year of birth, and the unknown age beside them.</summary>
    public static bool ByYear(string code) =>
        code.Contains(BornPart, StringComparison.Ordinal) || code.EndsWith(".age." + PeopleBreakdown.UnknownAge, StringComparison.Ordinal);

    /// <summary>The code a stock's rows count in at <paramref name="asOf"/>: a year of birth's rows, on a year's last day,
    /// in the age band the people born that year are in then; on any other day none (null); any other code as it is.</summary>
    public static string? CountedAs(string code, DateOnly asOf)
    {
        if (!ByYear(code))
        {
            return code;
        }

        if (asOf.Month != 12 || asOf.Day != 31)
        {
            return null;
        }

        var at = code.IndexOf(BornPart, StringComparison.Ordinal);
        if (at < 0)
        {
            return code;
        }

        var born = new DateOnly(int.Parse(code[(at + BornPart.Length)..], CultureInfo.InvariantCulture), 1, 1);
        return PeopleBreakdown.ByAge(code[..at], PeopleBreakdown.AgeKey(PersonBands.AgeBandAt(born, asOf)));
    }

    /// <summary>The SQL form of <see cref="Spans"/> for <see cref="Stocks.FromTimelinesSql"/>: from the common table
    /// <c>m</c> (MemberId, OrgUnitCode, Day, NextDay, Status), every member span as (Code, OrgUnitCode, FromDay, NextDay,
    /// KeyLength: 7 for deltas by month, 4 by year).</summary>
    internal const string SpansSql = $"""
        people (Code, OrgUnitCode, Day, NextDay, Sex, BirthYear) AS (
            SELECT '{Indicators.MembersActive}', m.OrgUnitCode, m.Day, m.NextDay, p.Sex, p.BirthYear
            FROM m LEFT JOIN member_profiles p ON p.MemberId = m.MemberId WHERE m.Status = '{Stocks.MemberActive}'
            UNION ALL
            SELECT '{Indicators.VolunteersActive}', m.OrgUnitCode, m.Day, m.NextDay, p.Sex, p.BirthYear
            FROM m JOIN member_profiles p ON p.MemberId = m.MemberId WHERE m.Status = '{Stocks.MemberActive}' AND p.Volunteer),
        member_spans (Code, OrgUnitCode, FromDay, NextDay, KeyLength) AS (
            SELECT Code, OrgUnitCode, Day, NextDay, 7 FROM people
            UNION ALL
            SELECT Code || '.sex.' || CASE WHEN Sex IN ('female', 'male') THEN Sex ELSE '{PeopleBreakdown.OtherOrUnknownSex}' END,
                   OrgUnitCode, Day, NextDay, 7 FROM people
            UNION ALL
            SELECT Code || CASE WHEN BirthYear IS NULL THEN '.age.{PeopleBreakdown.UnknownAge}' ELSE '{BornPart}' || BirthYear END,
                   OrgUnitCode, Day, NextDay, 4 FROM people)
        """;

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
