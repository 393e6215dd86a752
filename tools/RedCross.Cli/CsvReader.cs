using System.Text;

namespace RedCross.Cli;

/// <summary>One CSV record (RFC 4180: quoted fields may hold commas, quotes and line breaks), or why
/// its row could not be read.</summary>
internal sealed record CsvRecord(int Row, IReadOnlyList<string> Fields, string? Error);

/// <summary>Reads CSV records lazily, counting rows as a spreadsheet shows them (header = row 1).</summary>
internal static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var row = 0;
        while (reader.Peek() >= 0)
        {
            row++;
            var (fields, error) = ReadRecord(reader);
            if (error is null && fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            yield return new CsvRecord(row, fields, error);
        }
    }

    private static (List<string> Fields, string? Error) ReadRecord(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (quoted)
                {
                    return (fields, "unterminated quoted field");
                }

                fields.Add(field.ToString());
                return (fields, null);
            }

            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                case '"':
                    SkipLine(reader);
                    return (fields, "stray quote inside an unquoted field");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or '\r':
                    fields.Add(field.ToString());
                    return (fields, null);
                default:
                    if (wasQuoted)
                    {
                        SkipLine(reader);
                        return (fields, "text after a closing quote");
                    }

                    field.Append(ch);
                    break;
            }
        }
    }

    private static void SkipLine(TextReader reader)
    {
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n')
        {
        }
    }
}
