using System.Text;

namespace RedCross.Import.Tests;

/// <summary>Files made here, byte for byte, the way offices' tools save them.</summary>
internal static class Fixtures
{
    public static readonly ImportColumn[] MemberColumns =
    [
        new("full_name", ColumnKind.Text, Required: true),
        new("birth_date", ColumnKind.Date, Required: true),
        new("phone", ColumnKind.Phone),
        new("dues", ColumnKind.Number),
    ];

    // Tone marks that Windows-1258 has only as combining characters (grave, acute, tilde, hook, dot below).
    private static readonly string ToneMarks = "\u0300\u0301\u0303\u0309\u0323";

    static Fixtures()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>What a Vietnamese Excel writes for "CSV": Windows-1258, where "ễ" is "ê" followed by a
    /// combining tilde. .NET's encoder does not decompose, so the text is decomposed first as Windows does.</summary>
    public static byte[] Windows1258(string text)
    {
        var encoding = Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var excelForm = new StringBuilder();
        foreach (var letter in text.Normalize(NormalizationForm.FormC))
        {
            var parts = letter.ToString().Normalize(NormalizationForm.FormD);
            var tone = parts.Where(c => ToneMarks.Contains(c, StringComparison.Ordinal)).ToArray();
            var rest = new string(parts.Where(c => !tone.Contains(c)).ToArray()).Normalize(NormalizationForm.FormC);
            excelForm.Append(rest).Append(tone);
        }

        return encoding.GetBytes(excelForm.ToString());
    }

    public static byte[] WithPreamble(Encoding encoding, string text) => [.. encoding.Preamble, .. encoding.GetBytes(text)];

    public static async Task<List<ImportRow>> ReadAsync(byte[] file, ImportOptions? options = null)
    {
        using var stream = new MemoryStream(file);
        var rows = new List<ImportRow>();
        await foreach (var row in TabularFile.ReadAsync(stream, options ?? new ImportOptions { Columns = MemberColumns }))
        {
            rows.Add(row);
        }

        return rows;
    }
}
