using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.Configuration;
using MiniExcelLibs;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Reports;
using SkiaSharp;
using Xunit;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RedCross.Reporting.Tests;

/// <summary>The report as an office hands it in (Decree 30/2020/NĐ-CP): number and symbol, recipients and the signer's
/// block in every format; Word's styles; the charts; and the workbook of its data.</summary>
public sealed class ReportFormTests
{
    private const string Blank = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0";
    private static readonly DateOnly YearEnd = new(2013, 12, 31);
    private static readonly ReportRenderer Renderer = new(new ConfigurationBuilder().Build());

    private static AnnualReport Report(bool withMonths = true)
    {
        var report = new AnnualReport
        {
            OrgUnit = "058", OrgUnitName = "Hội Chữ thập đỏ thị xã Bắc Kạn", ParentUnitName = "Hội Chữ thập đỏ tỉnh Bắc Kạn", Year = 2013,
            TitleVi = "Tổng kết công tác Hội Chữ thập đỏ năm 2013", TitleEn = "Summary of 2013",
            Areas = { new ReportArea { Code = "organisation", TitleVi = "Công tác tổ chức", TitleEn = "Organisation", TextVi = "Kết nạp 3 hội viên mới.", TextEn = "3 new members." } },
            Indicators =
            {
                new Indicator { Code = "membership.members.new", Value = 3, LabelVi = "Hội viên mới kết nạp", LabelEn = "New members" },
                new Indicator { Code = "relief.activity_value_vnd", Value = 352_323_000, LabelVi = "Giá trị cứu trợ", LabelEn = "Relief value" },
            },
            PreviousYearIndicators = { new Indicator { Code = "membership.members.new", Value = 2 }, new Indicator { Code = "relief.activity_value_vnd", Value = 0 } },
            ChildUnits =
            {
                Unit("01834", "Hội Chữ thập đỏ phường Nguyễn Thị Minh Khai", recorded: true, members: 2, target: 20),
                Unit("01849", "Hội Chữ thập đỏ xã Dương Quang", recorded: false, members: 0, target: 0),
            },
            Programmes = { new ReportProgramme { Campaign = "Khám sức khỏe nhân đạo", Type = "health_check", Beneficiaries = 500, Visits = 3_000, ValueVnd = 150_000_000 } },
        };
        if (withMonths)
        {
            report.Months.AddRange(Enumerable.Range(1, 12).Select(m => new MonthFigures
            {
                Month = m,
                Figures = { new Indicator { Code = "membership.members.new", Value = m is 3 or 5 or 9 ? 1 : 0 }, new Indicator { Code = "campaign.health.visits", Value = m == 6 ? 3_000 : 0 } },
            }));
        }

        return report;
    }

    private static ChildUnitFigures Unit(string code, string name, bool recorded, long members, long target) => new()
    {
        OrgUnit = code, OrgUnitName = name, Recorded = recorded,
        Figures = { new Indicator { Code = "membership.members.active", Value = members * 10 }, new Indicator { Code = "membership.members.new", Value = members }, new Indicator { Code = "membership.members.growth_target", Value = target } },
    };

    private static async Task<byte[]> Render(AnnualReport report, string format, string language = "vi") =>
        (await Renderer.RenderAsync(report, format, language, YearEnd)).Data;

    [Fact]
    public async Task A_draft_has_a_blank_number_the_symbol_recipients_and_the_signers_block_in_markdown_html_and_word()
    {
        var md = Encoding.UTF8.GetString(await Render(Report(), "md"));
        Assert.Contains($"<br>Số: {Blank}/BC-CTĐ |", md, StringComparison.Ordinal);
        Assert.Contains("| **Nơi nhận:**<br>- Hội Chữ thập đỏ tỉnh Bắc Kạn (để báo cáo);<br>- Lưu: VP. | **TM. BAN THƯỜNG VỤ**<br>**CHỦ TỊCH**<br>", md, StringComparison.Ordinal);
        // Markdown stays text: no chart in it.
        Assert.DoesNotContain("![", md, StringComparison.Ordinal);

        var html = Encoding.UTF8.GetString(await Render(Report(), "html"));
        Assert.Contains("<span class=\"number\">Số: &#xA0;&#xA0;&#xA0;&#xA0;&#xA0;&#xA0;/BC-CTĐ</span>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Hội Chữ thập đỏ tỉnh Bắc Kạn (để báo cáo);</li><li>Lưu: VP.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>TM. BAN THƯỜNG VỤ</strong><br><strong>CHỦ TỊCH</strong><br><p class=\"signer\"></p>", html, StringComparison.Ordinal);

        var en = Encoding.UTF8.GetString(await Render(Report(), "html", "en"));
        Assert.Contains("No.: &#xA0;&#xA0;&#xA0;&#xA0;&#xA0;&#xA0;/BC-CTĐ", en, StringComparison.Ordinal);
        Assert.Contains("<li>Hội Chữ thập đỏ tỉnh Bắc Kạn (for its information);</li><li>File: office.</li>", en, StringComparison.Ordinal);

        var word = RenderedDocuments.WordTables(await Render(Report(), "docx"));
        Assert.EndsWith($"{{br}}Số: {Blank}/BC-CTĐ", word[0][0][0], StringComparison.Ordinal);
        var closing = word.Single(t => t[0][0].StartsWith("{b:Nơi nhận:}", StringComparison.Ordinal))[0];
        Assert.Equal("{b:Nơi nhận:}{br}- Hội Chữ thập đỏ tỉnh Bắc Kạn (để báo cáo);{br}- Lưu: VP.", closing[0]);
        Assert.StartsWith("{b:TM. BAN THƯỜNG VỤ}{br}{b:CHỦ TỊCH}", closing[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_issued_report_prints_its_number_date_and_signer_and_the_top_unit_only_keeps_a_copy()
    {
        var issued = DocumentForm.From(Report(), "vi", YearEnd, new IssuedAs("25", new DateOnly(2014, 1, 10), "Nguyễn Thị Hoa", "TM. BAN THƯỜNG VỤ / PHÓ CHỦ TỊCH"));
        Assert.Equal("Số: 25/BC-CTĐ", issued.NumberLine);
        Assert.Equal("Bắc Kạn, ngày 10 tháng 01 năm 2014", issued.PlaceAndDate);
        Assert.Equal(["TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH"], issued.SignerTitle);
        Assert.Equal("Nguyễn Thị Hoa", issued.SignerName);
        Assert.Equal("Số: 7/BC-HCTĐ", DocumentForm.From(Report(), "vi", YearEnd, new IssuedAs("7/BC-HCTĐ", YearEnd, "A", "")).NumberLine);

        var top = Report();
        top.ParentUnitName = string.Empty;
        Assert.Equal(["Lưu: VP."], DocumentForm.From(top, "vi", YearEnd).Recipients);
        Assert.Equal(string.Empty, DocumentForm.From(top, "vi", YearEnd).Number);
    }

    [Fact]
    public async Task The_word_file_has_a_styles_part_its_headings_use_heading_styles_and_its_tables_a_table_style()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(await Render(Report(), "docx")), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<W.Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Subset(styles.Keys.ToHashSet(), new HashSet<string> { "Normal", "Title", "Heading1", "Heading2", "Heading3", "FiguresTable", "LayoutTable" });
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);

        var body = document.MainDocumentPart.Document!.Body!;
        string? StyleOf(string text) => body.Elements<W.Paragraph>().First(p => p.InnerText == text).ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        Assert.Equal("Title", StyleOf("BÁO CÁO"));
        Assert.Equal("Heading1", StyleOf("I. KẾT QUẢ CÔNG TÁC NĂM 2013"));
        Assert.Equal("Heading2", StyleOf("1. Công tác tổ chức"));
        Assert.Null(StyleOf("Kết nạp 3 hội viên mới."));
        var tableStyles = body.Elements<W.Table>().Select(t => t.GetFirstChild<W.TableProperties>()!.TableStyle!.Val!.Value).ToList();
        Assert.Equal(["LayoutTable", "FiguresTable"], tableStyles.Take(2));
        var closing = body.Elements<W.Table>().Single(t => t.InnerText.StartsWith("Nơi nhận:", StringComparison.Ordinal));
        Assert.Equal("LayoutTable", closing.GetFirstChild<W.TableProperties>()!.TableStyle!.Val!.Value);
        // The type is the style's: no run names its own font.
        Assert.Empty(body.Descendants<W.RunFonts>());
        Assert.Equal("Times New Roman", document.MainDocumentPart.StyleDefinitionsPart.Styles.DocDefaults!.Descendants<W.RunFonts>().Single().Ascii!.Value);
    }

    [Fact]
    public async Task Charts_by_month_and_by_unit_are_svg_in_html_png_in_word_and_absent_without_figures()
    {
        var html = Encoding.UTF8.GetString(await Render(Report(), "html"));
        Assert.Contains("<figure class=\"chart\" data-chart=\"month-membership-members-new\"><svg", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"chart\" data-chart=\"month-campaign-health-visits\"><svg", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"chart\" data-chart=\"units-members\"><svg", html, StringComparison.Ordinal);
        // A flow with no figure all year gets no chart.
        Assert.DoesNotContain("month-campaign-blood-donations", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Hội viên mới kết nạp theo tháng, năm 2013</figcaption>", html, StringComparison.Ordinal);

        var docx = await Render(Report(), "docx");
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var images = document.MainDocumentPart!.ImageParts.ToList();
            Assert.Equal(3, images.Count);
            Assert.All(images, i => Assert.Equal("image/png", i.ContentType));
            using var png = SKBitmap.Decode(images[0].GetStream());
            // Print resolution: set 16 cm wide, 1,200 px are about 190 dots per inch.
            Assert.True(png.Width >= 1200, $"{png.Width} px wide");
            Assert.Equal(3, document.MainDocumentPart.Document!.Body!.Descendants<W.Drawing>().Count());
            Assert.Contains("Hội viên mới kết nạp theo tháng, năm 2013", document.MainDocumentPart.Document.Body.Elements<W.Paragraph>().Select(p => p.InnerText));
        }

        var none = Report(withMonths: false);
        none.ChildUnits.Clear();
        Assert.DoesNotContain("<figure", Encoding.UTF8.GetString(await Render(none, "html")), StringComparison.Ordinal);
        using var plain = WordprocessingDocument.Open(new MemoryStream(await Render(none, "docx")), false);
        Assert.Empty(plain.MainDocumentPart!.ImageParts);
    }

    [Fact]
    public void Charts_are_lettered_in_a_font_with_vietnamese_letters_and_say_what_they_show()
    {
        // The font is a file on the machine (fonts-liberation, installed by tools/test.sh), not ScottPlot's guess.
        Assert.NotNull(ChartFont.File);
        using (var typeface = SKTypeface.FromFile(ChartFont.File))
        {
            Assert.True(typeface.ContainsGlyphs(ChartFont.VietnameseSample));
        }

        var charts = ReportCharts.Of(Report(), "vi");
        var byUnit = charts.Single(c => c.Key == "units-members").Svg();
        Assert.StartsWith("<svg", byUnit, StringComparison.Ordinal);
        Assert.Contains($"font-family=\"{ChartFont.Name}\"", byUnit, StringComparison.Ordinal);
        Assert.Contains("\tNguyễn Thị Minh Khai\n", byUnit, StringComparison.Ordinal);
        Assert.Contains("\tChỉ tiêu\n", byUnit, StringComparison.Ordinal);
        Assert.Contains("\tSố hội viên\n", byUnit, StringComparison.Ordinal);
        // A unit with no record that year is not drawn as a zero.
        Assert.DoesNotContain("Dương Quang", byUnit, StringComparison.Ordinal);
        var byMonth = charts.Single(c => c.Key == "month-membership-members-new").Svg();
        Assert.Contains("\tTháng\n", byMonth, StringComparison.Ordinal);
        Assert.Contains("\tT12\n", byMonth, StringComparison.Ordinal);
        // Clip paths are named after their chart: two charts inline in one page never share an id.
        Assert.Contains("id=\"month-membership-members-new-clip1\"", byMonth, StringComparison.Ordinal);
        Assert.DoesNotContain("cl_", byMonth, StringComparison.Ordinal);
        Assert.Equal(byMonth, charts.Single(c => c.Key == "month-membership-members-new").Svg());
    }

    [Fact]
    public async Task The_workbook_has_a_sheet_per_section_and_its_figures_are_numbers()
    {
        var (data, contentType) = await Renderer.RenderAsync(Report(), "xlsx", "vi", YearEnd);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", contentType);
        using var stream = new MemoryStream(data);
        Assert.Equal(["I. Kết quả", "Đơn vị trực thuộc", "Theo tháng", "Chương trình", "Khen thưởng", "II. Khó khăn", "III. Chỉ tiêu đề xuất", "Phụ lục"],
            stream.GetSheetNames());

        var appendix = stream.Query(useHeaderRow: true, sheetName: "Phụ lục").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Giá trị cứu trợ", appendix[1]["Chỉ tiêu"]);
        Assert.Equal(352_323_000d, Assert.IsType<double>(appendix[1]["Năm 2013"]));
        Assert.Equal(2d, Assert.IsType<double>(appendix[0]["Năm 2012"]));

        var units = stream.Query(useHeaderRow: true, sheetName: "Đơn vị trực thuộc").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(20d, Assert.IsType<double>(units[0]["Chỉ tiêu phát triển hội viên"]));
        // No record that year: empty cells, as the report's "–", never a zero.
        Assert.Null(units[1]["Hội viên mới kết nạp"]);

        var months = stream.Query(useHeaderRow: true, sheetName: "Theo tháng").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(3_000d, months[5]["Lượt khám, tư vấn sức khỏe"]);
        var programme = stream.Query(useHeaderRow: true, sheetName: "Chương trình").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(150_000_000d, Assert.IsType<double>(programme["Giá trị (đồng)"]));
    }
}
