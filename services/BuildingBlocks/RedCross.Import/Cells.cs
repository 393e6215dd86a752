using System.Globalization;

namespace RedCross.Import;

/// <summary>Checks one cell against its column's kind. Returns the reason it is refused, or null.</summary>
internal static class Cells
{
    // ISO first (what our exports write), then Vietnamese Excel's short date, whose zero padding varies.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    // The characters OWASP lists as starting a spreadsheet formula that we can see after trimming.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@'];

    public static string? Refusal(ColumnKind kind, string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        return kind switch
        {
            ColumnKind.Text when Array.IndexOf(FormulaStarts, cell[0]) >= 0 =>
                $"starts with '{cell[0]}': text that a spreadsheet would run as a formula is refused",
            ColumnKind.Number when ParseNumber(cell) is null => "is not a number",
            ColumnKind.Date when ParseDate(cell) is null => "is not a date (YYYY-MM-DD or dd/MM/yyyy)",
            ColumnKind.Phone when !IsPhone(cell) => "is not a phone number (digits, spaces, . - ( ) and a leading +)",
            _ => null,
        };
    }

    public static DateOnly? ParseDate(string cell) =>
        DateOnly.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static decimal? ParseNumber(string cell) =>
        decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static bool IsPhone(string cell)
    {
        var digits = 0;
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '.' or '-' or '(' or ')' || (c == '+' && i == 0)))
            {
                return false;
            }
        }

        return digits > 0;
    }
}
