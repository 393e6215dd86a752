using System.Text.Json;
using CsvHelper;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>How a listing is printed.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
    Xlsx,
}

/// <summary>Prints rows as a table for people, as JSON or CSV for programs, or as an Excel workbook for a file. Column
/// keys name the fields in JSON and CSV; titles label the table and the workbook's header row.</summary>
internal static partial class Output
{
    /// <summary>An instant as ISO 8601 UTC, or empty when unset.</summary>
    public static string Iso(Google.Protobuf.WellKnownTypes.Timestamp? time) =>
        time is null ? string.Empty : time.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Rows(OutputFormat format, IReadOnlyList<(string Key, string Title)> columns, IReadOnlyList<string[]> rows)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => columns.Select((c, i) => (c.Key, r[i])).ToDictionary(p => p.Key, p => p.Item2)), Json));
                break;
            case OutputFormat.Csv:
                // Cells that a spreadsheet would run as formulas are escaped: the data came from other users.
                using (var csv = CsvWriter.Create(Console.Out, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true))
                {
                    csv.WriteHeader(columns.Select(c => c.Key).ToArray());
                    foreach (var row in rows)
                    {
                        foreach (var cell in row)
                        {
                            csv.WriteField(cell);
                        }

                        csv.EndRecord();
                    }
                }

                break;
            case OutputFormat.Xlsx:
                Workbook(columns, rows);
                break;
            default:
                Table(columns.Select(c => c.Title).ToArray(), rows);
                break;
        }
    }

    /// <summary>One sheet with a header row of the titles; a whole number is a number cell, so a spreadsheet sums it,
    /// but a code with a leading zero ("058", a phone) stays text. The workbook is binary: it goes to standard output
    /// only when that is a file or a pipe (`--output xlsx &gt; list.xlsx`), never onto a terminal.</summary>
    private static void Workbook(IReadOnlyList<(string Key, string Title)> columns, IReadOnlyList<string[]> rows)
    {
        if (!Console.IsOutputRedirected)
        {
            throw new UsageException("--output xlsx writes an Excel workbook: redirect it to a file, as in `rc members list --output xlsx > members.xlsx`.");
        }

        var sheet = rows.Select(row => columns.Select((c, i) => (c.Title, Cell: Cell(row[i]))).ToDictionary(p => p.Title, p => p.Cell)).ToList();
        using var buffer = new MemoryStream();
        // An empty list still says what its columns are.
        MiniExcelLibs.MiniExcel.SaveAs(buffer, sheet.Count > 0 ? sheet : [columns.ToDictionary(c => c.Title, _ => (object?)null)], printHeader: true);
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static object? Cell(string text) =>
        WholeNumber().IsMatch(text) && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(0|-?[1-9][0-9]{0,14})$")]
    private static partial System.Text.RegularExpressions.Regex WholeNumber();

    /// <summary>Tab-separated lines when redirected: cells must not be wrapped to a guessed terminal width.</summary>
    public static void Table(string[] headers, IEnumerable<string[]> rows)
    {
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(string.Join('\t', headers));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join('\t', row));
            }

            return;
        }

        var table = new Table().AddColumns(headers.Select(Markup.Escape).ToArray());
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
    }
}
