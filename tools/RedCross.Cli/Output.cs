using Spectre.Console;

namespace RedCross.Cli;

/// <summary>Tables for people, tab-separated lines for scripts: when output is redirected, cells must
/// not be wrapped to a guessed terminal width.</summary>
internal static class Output
{
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
