namespace RedCross.WebConsole.Text;

/// <summary>The year a page is about: the one asked for when the API would take it, else this year in Vietnam.</summary>
internal static class ReportYear
{
    public static int Valid(int? asked) => asked is { } y && y >= 1946 && y <= VietnamDate.Today.Year + 1 ? y : VietnamDate.Today.Year;
}
