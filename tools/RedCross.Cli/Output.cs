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
}

/// <summary>Prints rows as a table for people, or as JSON or CSV for programs. Column keys name the
/// fields in JSON and CSV; titles label the table.</summary>
internal static class Output
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
            default:
                Table(columns.Select(c => c.Title).ToArray(), rows);
                break;
        }
    }

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
