using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace RedCross.Import;

/// <summary>An Excel workbook (.xlsx) read as the CSV an office would have saved from it, so one reader
/// (<see cref="TabularFile"/>) checks both: the first sheet, its first row the header, a row's number the same as in
/// Excel. Dates become `yyyy-MM-dd`; numbers are written in full (a citizen ID typed as a number has lost its leading
/// zero in Excel already, and the API says so).</summary>
public static class Spreadsheet
{
    public static bool IsWorkbook(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static async Task<MemoryStream> ToCsvAsync(Stream workbook, CancellationToken ct)
    {
        var csv = new StringBuilder();
        try
        {
            foreach (IDictionary<string, object?> row in await workbook.QueryAsync(useHeaderRow: false, excelType: ExcelType.XLSX, cancellationToken: ct))
            {
                csv.AppendJoin(',', row.Values.Select(Cell)).Append('\n');
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or FormatException)
        {
            throw new ImportFileException("The file is not an Excel workbook (.xlsx) that can be read: save it again from Excel, or as CSV.");
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double n => n.ToString("0.##########", CultureInfo.InvariantCulture),
            decimal n => n.ToString("0.##########", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
