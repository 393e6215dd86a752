using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace RedCross.Import;

/// <summary>Reads a CSV file as offices make it: detects its encoding and separator (<c>,</c> or
/// <c>;</c>), checks every cell against the schema, and yields each data row with its errors, in file
/// order. File-level problems (limits, header) throw <see cref="ImportFileException"/>.</summary>
public static class TabularFile
{
    /// <summary>Reads <paramref name="stream"/> (which must be seekable: detection reads it twice)
    /// from its current position.</summary>
    public static async IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable; copy it to a file or memory first.", nameof(stream));
        }

        if (stream.Length - stream.Position > options.MaxBytes)
        {
            throw new ImportFileException(
                $"The file has {stream.Length - stream.Position:N0} bytes, over the limit of {options.MaxBytes:N0} bytes (MaxBytes): split it into smaller files.");
        }

        var encoding = options.Encoding is { } chosen ? ImportEncodings.SkipPreamble(stream, chosen) ?? chosen : ImportEncodings.Detect(stream);
        var malformed = new Queue<CsvHelper.CsvMalformedRecord>();
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            // Skip a broken record, report it, and go on from the next line, so one stray quote costs one row.
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = malformed.Enqueue,
        });

        var header = await HeaderAsync(csv, encoding, options, ct);
        var rows = 0;
        while (await ReadAsync(csv, encoding, ct))
        {
            while (malformed.TryDequeue(out var bad))
            {
                yield return Broken(bad, header, csv.Separator, options, ref rows);
            }

            CountRow(options, ref rows);
            yield return Row(csv, header, options);
        }

        while (malformed.TryDequeue(out var bad))
        {
            yield return Broken(bad, header, csv.Separator, options, ref rows);
        }
    }

    private static async Task<Header> HeaderAsync(CsvReader csv, Encoding encoding, ImportOptions options, CancellationToken ct)
    {
        try
        {
            await csv.ReadHeaderAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            throw NotDecodable(encoding);
        }

        if (csv.Separator is not (',' or ';'))
        {
            throw new ImportFileException($"The header is separated by '{csv.Separator}': use ',' or ';'.");
        }

        return Header.Match(csv.Headers, options.Columns);
    }

    private static async Task<bool> ReadAsync(CsvReader csv, Encoding encoding, CancellationToken ct)
    {
        try
        {
            return await csv.ReadAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            throw NotDecodable(encoding);
        }
    }

    private static ImportFileException NotDecodable(Encoding encoding) =>
        new($"The file is not valid {encoding.WebName}: save it as UTF-8, or name its encoding.");

    private static ImportRow Row(CsvReader csv, Header header, ImportOptions options)
    {
        var row = checked((int)csv.LineNumber);
        var cells = new Dictionary<string, string>(header.Indexes.Count, StringComparer.OrdinalIgnoreCase);
        var errors = new List<ImportError>();
        foreach (var column in options.Columns)
        {
            if (!header.Indexes.TryGetValue(column.Name, out var index))
            {
                continue;
            }

            // Windows-1258 and macOS hand us combining tone marks; the rest of the system compares NFC.
            var cell = csv.GetString(index).Normalize(NormalizationForm.FormC).Trim();
            cells[column.Name] = cell;
            if (Cells.Refusal(column.Kind, cell) is { } reason)
            {
                errors.Add(new ImportError(row, column.Name, reason));
            }
        }

        return new ImportRow(row, cells, errors);
    }

    private static ImportRow Broken(CsvHelper.CsvMalformedRecord bad, Header header, char separator, ImportOptions options, ref int rows)
    {
        CountRow(options, ref rows);
        var reason = bad.Reason switch
        {
            CsvMalformedReason.FieldCountMismatch => $"has {FieldCount(bad.RawRecord, separator)} fields, the header has {header.FieldCount}",
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted cell",
            CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
            CsvMalformedReason.UnterminatedQuote => "a quoted cell is never closed",
            _ => $"cannot be read ({bad.Reason})",
        };
        var row = checked((int)bad.LineNumber);
        return new ImportRow(row, new Dictionary<string, string>(), [new ImportError(row, ImportError.WholeRow, reason)]);
    }

    private static void CountRow(ImportOptions options, ref int rows)
    {
        if (++rows > options.MaxRows)
        {
            throw new ImportFileException($"The file has more than {options.MaxRows:N0} rows, the limit (MaxRows): split it into smaller files.");
        }
    }

    private static int FieldCount(string rawRecord, char separator)
    {
        using var one = CsvReader.FromText(rawRecord, CsvReaderOptions.Default with { HasHeader = false, Separator = separator });
        return one.Read() ? one.FieldCount : 0;
    }

    /// <summary>The header's columns by schema name; a schema column the file lacks is simply absent.</summary>
    private sealed record Header(IReadOnlyDictionary<string, int> Indexes, int FieldCount)
    {
        public static Header Match(IReadOnlyList<string> names, IReadOnlyList<ImportColumn> columns)
        {
            var indexes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i].Normalize(NormalizationForm.FormC).Trim();
                if (!indexes.TryAdd(name, i) && name.Length > 0)
                {
                    throw new ImportFileException($"The header names '{name}' twice.");
                }
            }

            var missing = columns.Where(c => c.Required && !indexes.ContainsKey(c.Name)).Select(c => c.Name).ToList();
            if (missing.Count > 0)
            {
                throw new ImportFileException(
                    $"The header lacks {string.Join(", ", missing)}; known columns: {string.Join(", ", columns.Select(c => c.Name))}.");
            }

            return new Header(indexes, names.Count);
        }
    }
}
