using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RedCross.Reporting.Reports;

/// <summary>Builds a Word document from the Markdown the report template renders, in an official document's
/// type (Times New Roman 13, A4), every paragraph and table in a named style (<see cref="WordStyles"/>) so an officer
/// edits the styles and moves by headings in the navigation pane. It reads the small Markdown the templates use:
/// headings `#` to `#####` (`#` and `##` the centred title, then Heading 1-3), `![caption](key)` alone on a line for a
/// chart given as PNG bytes under that key, paragraphs, `- ` items, `**bold**`, tables (a table with no body rows is
/// set without borders, as the letterhead is), `&lt;br&gt;` in cells, and a paragraph wholly in `*italics*` set to the right, as the place and
/// date are. Backslash escapes (how <see cref="MarkdownEncoder"/> writes the text users typed) are read as the
/// character escaped, never as markup: `\|` is no cell border, `\*\*` no bold, `\&lt;br&gt;` no break.</summary>
internal static partial class WordDocument
{
    public static byte[] FromMarkdown(string markdown, IReadOnlyDictionary<string, byte[]>? images = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = WordStyles.Create();
            var body = new Body();
            foreach (var block in Blocks(markdown, main, images ?? new Dictionary<string, byte[]>()))
            {
                body.Append(block);
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 720U, Footer = 720U, Gutter = 0U }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Blocks(string markdown, MainDocumentPart main, IReadOnlyDictionary<string, byte[]> images)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('|'))
            {
                foreach (var p in Flush(paragraph))
                {
                    yield return p;
                }

                var rows = new List<string>();
                while (i < lines.Length && lines[i].TrimStart().StartsWith('|'))
                {
                    rows.Add(lines[i].Trim());
                    i++;
                }

                i--;
                yield return Table(rows);
                continue;
            }

            var image = ImagePattern().Match(trimmed);
            if (image.Success)
            {
                foreach (var p in Flush(paragraph))
                {
                    yield return p;
                }

                // A chart the renderer did not draw (a template's key it does not know) leaves its caption only.
                if (images.TryGetValue(image.Groups[2].Value, out var png))
                {
                    yield return WordImage.Paragraph(main, png);
                }

                yield return Paragraph(image.Groups[1].Value, align: null, style: WordStyles.Caption);
                continue;
            }

            var heading = HeadingPattern().Match(trimmed);
            if (heading.Success || trimmed.Length == 0 || trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed == "---")
            {
                foreach (var p in Flush(paragraph))
                {
                    yield return p;
                }

                if (heading.Success)
                {
                    yield return Heading(heading.Groups[1].Value.Length, heading.Groups[2].Value);
                }
                else if (trimmed.StartsWith("- ", StringComparison.Ordinal))
                {
                    yield return Paragraph("- " + trimmed[2..], JustificationValues.Both, indent: true);
                }

                continue;
            }

            paragraph.Add(trimmed);
        }

        foreach (var p in Flush(paragraph))
        {
            yield return p;
        }
    }

    private static IEnumerable<OpenXmlElement> Flush(List<string> lines)
    {
        if (lines.Count == 0)
        {
            yield break;
        }

        var text = string.Join(" ", lines);
        lines.Clear();
        var italic = ItalicLinePattern().Match(text);
        yield return italic.Success
            ? Paragraph(italic.Groups[1].Value, JustificationValues.Right, italic: true)
            : Paragraph(text, JustificationValues.Both);
    }

    /// <summary>`#` and `##` are the document's title ("BÁO CÁO" and what it reports on); the numbered parts below
    /// are Heading 1 to 3, the levels of the navigation pane.</summary>
    private static Paragraph Heading(int level, string text) => Paragraph(text, align: null, style: level switch
    {
        1 => WordStyles.Title,
        2 => WordStyles.Subtitle,
        _ => WordStyles.Heading(level - 2),
    });

    private static Paragraph Paragraph(string markdown, JustificationValues? align, bool bold = false, bool italic = false,
        bool indent = false, string? style = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }

        if (indent)
        {
            properties.Append(new Indentation { Left = "360" });
        }

        if (align is { } justification)
        {
            properties.Append(new Justification { Val = justification });
        }

        var paragraph = new Paragraph(properties);
        paragraph.Append(Runs(markdown, bold, italic));
        return paragraph;
    }

    /// <summary>Runs for a line with `**bold**` spans, `&lt;br&gt;` breaks and backslash escapes.</summary>
    private static List<Run> Runs(string markdown, bool bold, bool italic)
    {
        var runs = new List<Run>();
        var text = new StringBuilder();
        var strong = false;
        for (var i = 0; i < markdown.Length; i++)
        {
            if (IsEscape(markdown, i))
            {
                text.Append(markdown[++i]);
            }
            else if (string.CompareOrdinal(markdown, i, "**", 0, 2) == 0)
            {
                EndText();
                strong = !strong;
                i++;
            }
            else if (BreakPattern().Match(markdown, i) is { Success: true } lineBreak)
            {
                EndText();
                runs.Add(new Run(RunProperties(bold, italic), new Break()));
                i += lineBreak.Length - 1;
            }
            else
            {
                text.Append(markdown[i]);
            }
        }

        EndText();
        return runs;

        void EndText()
        {
            if (text.Length > 0)
            {
                runs.Add(new Run(RunProperties(bold || strong, italic), new Text(text.ToString()) { Space = SpaceProcessingModeValues.Preserve }));
                text.Clear();
            }
        }
    }

    /// <summary>A backslash before ASCII punctuation: Markdown's escape, the character after it is text.</summary>
    private static bool IsEscape(string markdown, int i) =>
        markdown[i] == '\\' && i + 1 < markdown.Length && markdown[i + 1] is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    /// <summary>A table row's cells, split at the pipes that are cell borders (an escaped `\|` is text).</summary>
    private static string[] Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 0; i < row.Length; i++)
        {
            if (IsEscape(row, i))
            {
                cell.Append(row, i++, 2);
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }

        cells.Add(cell.ToString());
        // The borders at either end of a row have no cell outside them.
        if (row.StartsWith('|'))
        {
            cells.RemoveAt(0);
        }

        if (cells.Count > 1 && cells[^1].Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return [.. cells.Select(c => c.Trim())];
    }

    /// <summary>Only emphasis is set on a run: its font and size come from the paragraph's style.</summary>
    private static RunProperties RunProperties(bool bold, bool italic)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        return properties;
    }

    private static Table Table(List<string> rows)
    {
        var cells = rows.Select(Cells).ToList();
        var alignments = cells.Count > 1 && cells[1].All(c => SeparatorPattern().IsMatch(c))
            ? cells[1].Select(Alignment).ToArray()
            : null;
        if (alignments is not null)
        {
            cells.RemoveAt(1);
        }

        var columns = cells.Max(c => c.Length);
        var bordered = cells.Count > 1;
        var width = 9071 / columns;
        var table = new Table(new TableProperties(
            new TableStyle { Val = bordered ? WordStyles.FiguresTable : WordStyles.LayoutTable },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        var grid = new TableGrid();
        for (var c = 0; c < columns; c++)
        {
            grid.Append(new GridColumn { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        table.Append(grid);
        for (var r = 0; r < cells.Count; r++)
        {
            var row = new TableRow();
            for (var c = 0; c < columns; c++)
            {
                var text = c < cells[r].Length ? cells[r][c] : string.Empty;
                var align = alignments is not null && c < alignments.Length ? alignments[c] : JustificationValues.Left;
                row.Append(new TableCell(
                    new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
                    Paragraph(text, align, bold: bordered && r == 0)));
            }

            table.Append(row);
        }

        return table;
    }

    private static JustificationValues Alignment(string separator) => separator switch
    {
        _ when separator.StartsWith(':') && separator.EndsWith(':') => JustificationValues.Center,
        _ when separator.EndsWith(':') => JustificationValues.Right,
        _ => JustificationValues.Left,
    };

    [GeneratedRegex(@"^(#{1,5})\s+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^!\[(.*)\]\(([a-z0-9-]+)\)$")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"^\*([^*].*[^*])\*$")]
    private static partial Regex ItalicLinePattern();

    [GeneratedRegex(@"\G<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakPattern();

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex SeparatorPattern();
}
