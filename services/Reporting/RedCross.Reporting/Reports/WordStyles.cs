using DocumentFormat.OpenXml.Wordprocessing;

namespace RedCross.Reporting.Reports;

/// <summary>The report's styles part: Normal in the official type (Times New Roman 13), the title, Heading 1-3 with
/// their outline levels (Word's navigation pane lists them), a bordered table style for figures and a borderless
/// one for the letterhead and the signature block. Direct formatting is left to emphasis and alignment.</summary>
internal static class WordStyles
{
    public const string Title = "Title";
    public const string Subtitle = "Subtitle";
    public const string Caption = "Caption";
    public const string FiguresTable = "FiguresTable";
    public const string LayoutTable = "LayoutTable";

    private const string Font = "Times New Roman";

    /// <summary>The style id of Heading 1, 2 or 3 (deeper levels use Heading 3).</summary>
    public static string Heading(int level) => $"Heading{Math.Clamp(level, 1, 3)}";

    public static Styles Create() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "26" },
                new FontSizeComplexScript { Val = "26" },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { Before = "60", After = "60" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        Paragraph(Title, "Title", halfPoints: 28, centred: true, outlineLevel: null),
        Paragraph(Subtitle, "Subtitle", halfPoints: 28, centred: true, outlineLevel: null),
        Paragraph(Heading(1), "heading 1", halfPoints: 26, centred: false, outlineLevel: 0),
        Paragraph(Heading(2), "heading 2", halfPoints: 26, centred: false, outlineLevel: 1, italic: true),
        Paragraph(Heading(3), "heading 3", halfPoints: 26, centred: false, outlineLevel: 2, italic: true),
        new Style(new StyleName { Val = "caption" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "240" }, new Justification { Val = JustificationValues.Center }),
            new StyleRunProperties(new Italic(), new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }))
        { Type = StyleValues.Paragraph, StyleId = Caption },
        new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(), new UnhideWhenUsed(),
            new StyleTableProperties(new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableNormal", Default = true },
        Table(FiguresTable, "Report figures", BorderValues.Single),
        Table(LayoutTable, "Report layout", BorderValues.None));

    private static Style Paragraph(string id, string name, int halfPoints, bool centred, int? outlineLevel, bool italic = false)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60" });
        if (centred)
        {
            paragraph.Append(new Justification { Val = JustificationValues.Center });
        }

        if (outlineLevel is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        var run = new StyleRunProperties(new Bold());
        if (italic)
        {
            run.Append(new Italic());
        }

        var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        run.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = 9 }, new PrimaryStyle(), paragraph, run)
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    private static Style Table(string id, string name, BorderValues borders) => new(
        new StyleName { Val = name }, new BasedOn { Val = "TableNormal" }, new UIPriority { Val = 59 },
        new StyleTableProperties(new TableBorders(
            new TopBorder { Val = borders, Size = 4U },
            new LeftBorder { Val = borders, Size = 4U },
            new BottomBorder { Val = borders, Size = 4U },
            new RightBorder { Val = borders, Size = 4U },
            new InsideHorizontalBorder { Val = borders, Size = 4U },
            new InsideVerticalBorder { Val = borders, Size = 4U })))
    { Type = StyleValues.Table, StyleId = id };
}
