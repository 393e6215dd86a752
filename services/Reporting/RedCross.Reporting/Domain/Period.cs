using System.Globalization;
using System.Text.RegularExpressions;

namespace RedCross.Reporting.Domain;

/// <summary>A reporting period cut on Vietnam-local calendar dates: a year ("2013"), a half-year ("2013-H1", the
/// six-month report offices send in July), a quarter ("2013-Q1") or a month ("2013-03").</summary>
internal sealed partial record Period(string Key, DateOnly From, DateOnly To)
{
    public bool IsYear => Key.Length == 4;

    public static Period Year(int year) => new(year.ToString(CultureInfo.InvariantCulture), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period? Parse(string text)
    {
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100)
        {
            return null;
        }

        if (match.Groups["h"].Success)
        {
            var from = new DateOnly(year, match.Groups["h"].Value == "1" ? 1 : 7, 1);
            return new Period(text!, from, from.AddMonths(6).AddDays(-1));
        }

        if (match.Groups["q"].Success)
        {
            var q = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
            var from = new DateOnly(year, (3 * q) - 2, 1);
            return new Period(text!, from, from.AddMonths(3).AddDays(-1));
        }

        if (match.Groups["m"].Success)
        {
            var m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            var from = new DateOnly(year, m, 1);
            return new Period(text!, from, from.AddMonths(1).AddDays(-1));
        }

        return Year(year);
    }

    /// <summary>The keys of the year, half-year, quarter and month a date falls in: a flow counted on that date is
    /// added to all four.</summary>
    public static string[] KeysOf(DateOnly date) =>
    [
        date.Year.ToString(CultureInfo.InvariantCulture),
        $"{date.Year}-H{(date.Month <= 6 ? 1 : 2)}",
        $"{date.Year}-Q{((date.Month - 1) / 3) + 1}",
        date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    ];

    [GeneratedRegex(@"^(?<y>\d{4})(-H(?<h>[12])|-Q(?<q>[1-4])|-(?<m>0[1-9]|1[0-2]))?$")]
    private static partial Regex Pattern();
}
