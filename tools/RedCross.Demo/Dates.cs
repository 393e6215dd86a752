using System.Globalization;

namespace RedCross.Demo;

internal static class Dates
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly On(int month, int day) => new(DemoScenario.Year, month, day);
}
