using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RedCross.Reporting.Tests;

/// <summary>Reads a rendered report as its readers would (Markdown by CommonMark's rules with GitHub's pipe tables, Word
/// by its XML, HTML by its markup, CSV by RFC 4180), and writes each cell or paragraph as its plain text with any structure
/// the reader found spelled out in braces: `{em:x}` emphasis, `{b:x}` bold, `{br}` a line break, `{html:&lt;b&gt;}` raw HTML,
/// `{link:x}`, `{code:x}`, `{indent}` a list item. So "the text shows literally" is an equality with the text itself.</summary>
internal static partial class RenderedDocuments
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras(EmphasisExtraOptions.Strikethrough).Build();

    /// <summary>Line breaks become spaces in Markdown and Word: a cell or a paragraph is one line there.</summary>
    public static string OneLine(string text) => LineBreak().Replace(text, " ");

    /// <summary>The rows of the Markdown table whose first header cell reads <paramref name="firstHeader"/>, header included.</summary>
    public static List<List<string>> MarkdownTable(string markdown, string firstHeader) =>
        MarkdownTables(markdown).Single(t => t[0][0] == firstHeader);

    public static List<List<List<string>>> MarkdownTables(string markdown) =>
        [.. Markdown.Parse(markdown, Gfm).Descendants<Table>().Select(t => t.OfType<TableRow>()
            .Select(r => r.OfType<TableCell>().Select(c => string.Concat(c.OfType<ParagraphBlock>().Select(p => Text(p.Inline)))).ToList()).ToList())];

    /// <summary>The top-level blocks of a Markdown document after the heading that starts with <paramref name="heading"/>:
    /// a paragraph as its text, any other block as its kind in braces.</summary>
    public static List<string> MarkdownBlocksAfter(string markdown, string heading)
    {
        var blocks = Markdown.Parse(markdown, Gfm).ToList();
        var start = blocks.FindIndex(b => b is HeadingBlock h && Text(h.Inline).StartsWith(heading, StringComparison.Ordinal));
        return [.. blocks.Skip(start + 1).Select(b => b switch
        {
            ParagraphBlock p => Text(p.Inline),
            ListBlock l => "{list:" + string.Join("|", l.Descendants<ParagraphBlock>().Select(p => Text(p.Inline))) + "}",
            _ => "{" + b.GetType().Name + "}",
        })];
    }

    public static string MarkdownParagraphStartingWith(string markdown, string start) =>
        Markdown.Parse(markdown, Gfm).OfType<ParagraphBlock>().Select(p => Text(p.Inline)).Single(t => t.StartsWith(start, StringComparison.Ordinal));

    public static List<List<string>> WordTable(byte[] docx, string firstHeader) => WordTables(docx).Single(t => t[0][0].Contains(firstHeader, StringComparison.Ordinal));

    public static List<List<List<string>>> WordTables(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. document.MainDocumentPart!.Document!.Body!.Descendants<W.Table>()
            .Select(t => t.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => string.Concat(c.Elements<W.Paragraph>().Select(Text))).ToList()).ToList())];
    }

    /// <summary>The body's paragraphs and tables after the paragraph that starts with <paramref name="heading"/>.</summary>
    public static List<string> WordBlocksAfter(byte[] docx, string heading)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var blocks = document.MainDocumentPart!.Document!.Body!.ChildElements.ToList();
        var start = blocks.FindIndex(b => b is W.Paragraph p && p.InnerText.StartsWith(heading, StringComparison.Ordinal));
        return [.. blocks.Skip(start + 1).Where(b => b is W.Paragraph or W.Table).Select(b => b is W.Paragraph p ? Text(p) : "{table}")];
    }

    public static string WordParagraphStartingWith(byte[] docx, string start)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().Select(Text).Single(t => t.StartsWith(start, StringComparison.Ordinal));
    }

    /// <summary>The rows of the HTML table whose header row starts with <paramref name="firstHeader"/>: header cells, then body cells.</summary>
    public static List<List<string>> HtmlTable(string html, string firstHeader)
    {
        var table = HtmlTablePattern().Matches(html).Select(m => m.Value).Single(t => t.Contains($"<th>{firstHeader}</th>", StringComparison.Ordinal));
        return [.. HtmlRowPattern().Matches(table).Select(r => HtmlCellPattern().Matches(r.Groups[1].Value).Select(c => HtmlText(c.Groups[1].Value)).ToList())];
    }

    /// <summary>The paragraphs between the heading that starts with <paramref name="heading"/> and the next table or heading.</summary>
    public static List<string> HtmlParagraphsAfter(string html, string heading)
    {
        var from = html.IndexOf($"<h3>{heading}", StringComparison.Ordinal);
        var section = html[html.IndexOf("</h3>", from, StringComparison.Ordinal)..];
        var end = new[] { section.IndexOf("<table", StringComparison.Ordinal), section.IndexOf("<p class=", StringComparison.Ordinal), section.Length }.Where(i => i >= 0).Min();
        return [.. HtmlParagraphPattern().Matches(section[..end]).Select(m => HtmlText(m.Groups[1].Value))];
    }

    public static List<string[]> CsvRecords(string csv)
    {
        using var reader = CsvReader.FromText(csv, CsvReaderOptions.Default with { HasHeader = false, Separator = ',' });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return records;
    }

    private static string Text(Inline? inline) => inline switch
    {
        null => string.Empty,
        LiteralInline literal => literal.Content.ToString(),
        LineBreakInline => "{br}",
        EmphasisInline emphasis => "{em:" + Children(emphasis) + "}",
        CodeInline code => "{code:" + code.Content + "}",
        HtmlInline tag => "{html:" + tag.Tag + "}",
        HtmlEntityInline entity => "{entity:" + entity.Original + "}",
        LinkInline link => "{link:" + Children(link) + "}",
        AutolinkInline link => "{link:" + link.Url + "}",
        ContainerInline container when container.GetType() == typeof(ContainerInline) => Children(container),
        _ => "{" + inline.GetType().Name + "}",
    };

    private static string Children(ContainerInline container) => string.Concat(container.Select(Text));

    private static string Text(W.Paragraph paragraph)
    {
        var text = new StringBuilder();
        if (paragraph.ParagraphProperties?.Indentation is not null)
        {
            text.Append("{indent}");
        }

        foreach (var run in paragraph.Elements<W.Run>())
        {
            var content = string.Concat(run.Elements<W.Text>().Select(t => t.Text));
            if (run.Elements<W.Break>().Any())
            {
                text.Append("{br}");
            }

            var properties = run.RunProperties;
            text.Append(properties?.Bold is not null ? "{b:" + content + "}" : properties?.Italic is not null ? "{i:" + content + "}" : content);
        }

        return text.ToString();
    }

    /// <summary>A cell's text once the browser has read its entities; markup inside a cell is shown, not read.</summary>
    private static string HtmlText(string raw) => raw.Contains('<', StringComparison.Ordinal) ? "{html:" + raw + "}" : WebUtility.HtmlDecode(raw);

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<table class=""figures"">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex HtmlTablePattern();

    [GeneratedRegex(@"<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex HtmlRowPattern();

    [GeneratedRegex(@"<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex HtmlCellPattern();

    [GeneratedRegex(@"<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex HtmlParagraphPattern();
}
