using System.Text;

namespace RedCross.Import;

/// <summary>The encodings offices' files come in, and how one is told from the others.</summary>
public static class ImportEncodings
{
    /// <summary>Vietnamese Windows (what Excel's "CSV" saves on a Vietnamese Windows): base letters
    /// with combining tone marks, so text decoded from it must be normalised to NFC.</summary>
    public static Encoding Windows1258 { get; } = RegisterCodePages().GetEncoding(1258)!;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>An encoding by name (<c>utf-8</c>, <c>utf-16</c>, <c>utf-16BE</c>, <c>windows-1258</c>, ...).</summary>
    public static Encoding FromName(string name)
    {
        try
        {
            return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
                ? StrictUtf8
                : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            throw new ImportFileException($"Unknown encoding '{name}': use utf-8, utf-16, utf-16BE or windows-1258.");
        }
    }

    /// <summary>A byte order mark decides; else bytes that are valid UTF-8 are UTF-8 (ASCII included);
    /// else Windows-1258, since a Vietnamese Excel is what writes such files. Leaves the stream after
    /// the byte order mark, if any.</summary>
    public static Encoding Detect(Stream stream)
    {
        var start = stream.Position;
        if (SkipPreamble(stream, Encoding.UTF8) is { } utf8)
        {
            return utf8;
        }

        foreach (var withBom in new Encoding[] { Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            if (SkipPreamble(stream, withBom) is { } found)
            {
                return found;
            }
        }

        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[64 * 1024];
        // GetChars, not GetCharCount: only GetChars carries a character split between two reads over to the next.
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return StrictUtf8;
        }
        catch (DecoderFallbackException)
        {
            return Windows1258;
        }
        finally
        {
            stream.Position = start;
        }
    }

    // Windows-1258 is not built into .NET; the code-page provider ships with it. Registered by the first
    // initializer (a static constructor body would run after the initializers that need it).
    private static EncodingProvider RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return CodePagesEncodingProvider.Instance;
    }

    /// <summary>Moves past <paramref name="encoding"/>'s byte order mark when the stream starts with it.</summary>
    internal static Encoding? SkipPreamble(Stream stream, Encoding encoding)
    {
        var preamble = encoding.Preamble;
        if (preamble.IsEmpty)
        {
            return null;
        }

        var start = stream.Position;
        Span<byte> head = stackalloc byte[preamble.Length];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(preamble))
        {
            return encoding;
        }

        stream.Position = start;
        return null;
    }
}
