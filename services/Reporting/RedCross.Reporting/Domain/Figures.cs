using System.Globalization;

namespace RedCross.Reporting.Domain;

/// <summary>The report languages and how each writes a figure: Vietnamese groups thousands with "." and writes money
/// as "1.234.567 đồng"; English groups with "," and writes "1,234,567 VND". The number formats are spelled out
/// here rather than taken from the machine's culture data, which a server without ICU does not have.</summary>
internal static class Figures
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>
    {
        [Vietnamese] = Vietnamese,
        [English] = English,
    };

    private static readonly NumberFormatInfo ViNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NegativeSign = "-" };
    private static readonly NumberFormatInfo EnNumbers = new() { NumberGroupSeparator = ",", NumberDecimalSeparator = ".", NegativeSign = "-" };

    private static readonly string[] EnMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Number(long value, string language) =>
        value.ToString("#,0", language == Vietnamese ? ViNumbers : EnNumbers);

    public static string Money(long value, string language) =>
        Number(value, language) + (language == Vietnamese ? " đồng" : " VND");

    public static string Format(long value, IndicatorUnit unit, string language) => unit switch
    {
        IndicatorUnit.Vnd => Money(value, language),
        IndicatorUnit.Percent => Number(value, language) + "%",
        IndicatorUnit.Millilitre => Number(value, language) + " ml",
        _ => Number(value, language),
    };

    /// <summary>"Bắc Kạn, ngày 31 tháng 12 năm 2013" or "Bắc Kạn, 31 December 2013".</summary>
    public static string PlaceAndDate(string place, DateOnly date, string language) => language == Vietnamese
        ? string.Create(CultureInfo.InvariantCulture, $"{place}, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}")
        : string.Create(CultureInfo.InvariantCulture, $"{place}, {date.Day} {EnMonths[date.Month - 1]} {date.Year}");
}
