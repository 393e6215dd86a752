using System.Globalization;
using System.Text;

namespace RedCross.Reporting.Reports;

/// <summary>CSV for download, as a spreadsheet opens it: UTF-8 led by its byte order mark (without it Excel reads the file
/// in the Windows code page and Vietnamese letters come out garbled), CRLF line ends, text cells that never run as
/// formulas.</summary>
internal sealed class SpreadsheetCsv
{
    private readonly StringBuilder csv = new();

    /// <summary>A line as given: the file's own headers, or cells made with <see cref="Text"/>, <see cref="Number"/> and
    /// <see cref="Date"/>.</summary>
    public SpreadsheetCsv Line(params string[] cells)
    {
        csv.AppendJoin(',', cells).Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

    /// <summary>A text cell as a spreadsheet must show it: quoted when it holds a separator, a quote or a line break, and
    /// led by an apostrophe when it starts as a formula would (`=`, `+`, `-`, `@`, the characters the import refuses, or
    /// a tab or carriage return, which some spreadsheets skip before one). Names came from other users.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A number cell: digits (and a minus sign), never taken for text or a formula.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date cell: ISO 8601, as HXL and spreadsheets read it.</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
