using System.Globalization;

namespace RedCross.WebConsole.Text;

/// <summary>How the console writes and reads dates and money: `dd/MM/yyyy` and `1.500.000 đồng`, as Vietnamese
/// offices write them, whatever the language of the labels. The API speaks ISO dates (`yyyy-MM-dd`).</summary>
internal static class Formats
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Date(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : isoDate;

    public static string Money(long dong) => Number(dong) + " đồng";

    public static string Number(long value) => value.ToString("#,0", Vietnamese);

    private static readonly string[] TypedDates = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd"];

    /// <summary>A typed `d/M/yyyy` (or an ISO date) as the API's `yyyy-MM-dd`; empty stays empty (the API's default).</summary>
    public static string ToIsoDate(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), TypedDates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : typed?.Trim() ?? string.Empty;

    /// <summary>True when the text is a real date in one of the accepted forms (31/02/1990 is not).</summary>
    public static bool IsDate(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), TypedDates, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
