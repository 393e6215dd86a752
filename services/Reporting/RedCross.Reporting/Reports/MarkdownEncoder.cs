using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace RedCross.Reporting.Reports;

/// <summary>What the Markdown templates print is text, never Markdown: the Markdown counterpart of the HTML templates'
/// HtmlEncoder, handed to Fluid for every `{{ value }}` a template writes, so a province's own template is safe as well.
/// A campaign, partner, sponsor or unit name, or a directions paragraph, can then neither add a table cell, end a row,
/// start a heading, a list, a quote or a code block, nor set text in bold, link it or embed HTML; Markdown readers and
/// <see cref="WordDocument"/> read the backslash escapes back as the characters typed. Line breaks and other control
/// characters become spaces: the fields printed are one line (directions come as one value per paragraph).</summary>
internal sealed partial class MarkdownEncoder : TextEncoder
{
    public static readonly MarkdownEncoder Instance = new();

    private MarkdownEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 2;

    /// <summary>The escaped text. Fluid writes every value through this overload.</summary>
    public override string Encode(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                // A CR LF pair is one break, one space.
                if (!(c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'))
                {
                    text.Append(' ');
                }

                continue;
            }

            if (EscapedEverywhere(c) || (c == '&' && EntityReference().IsMatch(value, i)))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        EscapeBlockStart(text);
        return text.ToString();
    }

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        output.Write(Encode(value.Substring(startIndex, characterCount)));

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        output.Write(Encode(new string(value, startIndex, characterCount)));

    // The members below serve TextEncoder's span and UTF-8 paths, one character at a time, without the context that
    // Encode(string) sees (a value's start, an entity reference): they escape the characters escaped everywhere.
    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < char.MaxValue && (EscapedEverywhere((char)unicodeScalar) || char.IsControl((char)unicodeScalar));

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            if (WillEncode(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var encoded = !WillEncode(unicodeScalar) ? char.ConvertFromUtf32(unicodeScalar)
            : char.IsControl((char)unicodeScalar) ? " "
            : "\\" + (char)unicodeScalar;
        if (encoded.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        encoded.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = encoded.Length;
        return true;
    }

    /// <summary>Characters that mean something anywhere in a line: escape, code, emphasis, strikethrough, a table's cell
    /// border, a link, raw HTML or an autolink.</summary>
    private static bool EscapedEverywhere(char c) => c is '\\' or '`' or '*' or '_' or '~' or '|' or '[' or '<';

    /// <summary>A value may be printed at the start of a line (a directions paragraph is): what would open a block there
    /// (`#` heading, `&gt;` quote, `-` `+` list, `---` rule, `===` underline, `1.` `1)` list) is escaped.</summary>
    private static void EscapeBlockStart(StringBuilder text)
    {
        var start = 0;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }

        if (start == text.Length)
        {
            return;
        }

        var next = start + 1 < text.Length ? text[start + 1] : ' ';
        var marker = text[start] switch
        {
            '#' or '>' => start,
            '-' or '+' or '=' when next == ' ' || next == text[start] => start,
            _ => OrderedListMarker().Match(text.ToString(start, text.Length - start)) is { Success: true } list ? start + list.Length - 1 : -1,
        };
        if (marker >= 0)
        {
            text.Insert(marker, '\\');
        }
    }

    /// <summary>An entity or character reference (`&amp;amp;`, `&amp;#60;`), which Markdown would read as the character it names.</summary>
    [GeneratedRegex(@"\G&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")]
    private static partial Regex EntityReference();

    /// <summary>Up to nine digits and a `.` or `)` before a space or the end: an ordered list item (the match ends at the mark).</summary>
    [GeneratedRegex(@"^[0-9]{1,9}[.)](?= |$)")]
    private static partial Regex OrderedListMarker();
}
