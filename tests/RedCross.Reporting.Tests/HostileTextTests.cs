using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Reports;
using RedCross.Testing;
using Xunit;
using static RedCross.Reporting.Tests.RenderedDocuments;

namespace RedCross.Reporting.Tests;

/// <summary>Text that users type (campaign, partner, sponsor and unit names, the directions) is text in every format the
/// report is written in: a table keeps its cells per row and its figures in their columns, a paragraph stays a
/// paragraph, and the text reads as it was typed (a line break in a one-line field reads as a space).</summary>
public sealed class HostileTextTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    /// <summary>The campaign name of issue 16: it turned its row of the Word report's programme table into 11 cells.</summary>
    private const string Forged = "Tiêm chủng | GIẢ MẠO | Cty ABC | 9999 | 9999 | 999.999.999 đồng";
    private const string Scripted = "<script>alert(1)</script><br>**Cty giả** [bấm](http://evil.example) `mã`";
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"Bấm\")";
    private const string TwoLines = "Dòng một\nDòng hai | 1 | 2";
    private const string Marked = "# **đậm** _nghiêng_ ~~gạch~~ &amp; \\| - mục";

    /// <summary>Plain text in paragraphs (proto: "paragraphs separated by blank lines"), whatever it looks like.</summary>
    private const string Directions = "# Tiêu đề giả\n- mục giả | 9999 |\n\n---\n\n> trích dẫn **đậm** <b>html</b> [x](http://evil.example)\n\n1. một\n\n| a | b |";
    private static readonly string[] DirectionParagraphs =
        ["# Tiêu đề giả - mục giả | 9999 |", "---", "> trích dẫn **đậm** <b>html</b> [x](http://evil.example)", "1. một", "| a | b |"];

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool seeded;

    private Contracts.Reporting.V1.Reporting.ReportingClient Admin => factory.Client(factory.Tokens.ProvinceAdmin);

    /// <summary>058's 2013: the forged campaign with a scripted partner and a formula for a sponsor, one named on two
    /// lines, one in Markdown; communes whose names are a formula and text that starts like one.</summary>
    private async Task Seed()
    {
        await SeedGate.WaitAsync();
        try
        {
            if (seeded)
            {
                return;
            }

            await factory.EnsureTree();
            await factory.Publish(new OrgUnitCreated(Guid.NewGuid(), Now, "HX1", Formula + ", \"trích\"\nHội giả", "commune", "058", "06/058/HX1", null, new DateOnly(1997, 1, 1), null, []));
            await factory.Publish(new OrgUnitCreated(Guid.NewGuid(), Now, "HX2", "-1", "commune", "058", "06/058/HX2", null, new DateOnly(1997, 1, 1), null, []));
            await factory.Publish(new OrgUnitCreated(Guid.NewGuid(), Now, "HX3", "\t=1+2", "commune", "058", "06/058/HX3", null, new DateOnly(1997, 1, 1), null, []));
            var day = new DateOnly(2013, 9, 20);
            var sponsor = Guid.NewGuid();
            await factory.Publish(new SponsorRegistered(Guid.NewGuid(), Now, "058", sponsor, "organisation", Formula));
            foreach (var (unit, name, listed, visits, value, partners) in new[]
            {
                ("058", Forged, 120, 30L, 5_000_000L, new[] { Scripted }),
                ("01834", TwoLines, 7, 4L, 1_000_000L, []),
                ("01837", Marked, 3, 2L, 2_000_000L, []),
            })
            {
                var campaign = Guid.NewGuid();
                await factory.Publish(new CampaignOpened(Guid.NewGuid(), Now, unit, campaign, "health_check", new DateOnly(2013, 9, 1), new DateOnly(2013, 10, 31), new DateOnly(2013, 8, 25), name, partners));
                await factory.Publish(new CampaignBeneficiaryListDrawn(Guid.NewGuid(), Now, unit, campaign, new DateOnly(2013, 9, 2), listed));
                await factory.Publish(new CampaignResultRecorded(Guid.NewGuid(), Now, unit, campaign, Guid.NewGuid(), "health_check", day, 0, visits, 0, 0, 0));
                await factory.Publish(new DistributionRecorded(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "goods", value,
                    unit == "058" ? "sponsor_direct" : "fund", null, unit == "058" ? sponsor : null, campaign.ToString(), day));
            }

            foreach (var unit in new[] { "HX1", "HX2", "HX3" })
            {
                await factory.Publish(new DistributionRecorded(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "cash", 1_000, "fund", null, null, null, day));
            }

            await Eventually.Until(async () => (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Programmes,
                p => p.Count == 3 && p.All(x => x.Visits > 0 && x.ValueVnd > 0 && x.Beneficiaries > 0) && p.Any(x => x.Campaign == Forged && x.Sponsors.Count == 1),
                what: "058's three programmes");
            await Eventually.Until(async () => (await Admin.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = "058", Period = "2013" })).Indicators
                .Single(i => i.Code == "relief.activity_value_vnd").Value, v => v == 8_003_000, what: "every gift in 058's figures");
            seeded = true;
        }
        finally
        {
            SeedGate.Release();
        }
    }

    private async Task<byte[]> Render(string format, string unit = "058") =>
        (await Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = unit, Year = 2013, Format = format })).Data.ToByteArray();

    /// <summary>The programme rows 058's report must show, figures in their columns, in the order the report lists them.</summary>
    private static void AssertProgrammes(List<List<string>> table, Func<string, string> asShown)
    {
        Assert.All(table, row => Assert.Equal(6, row.Count));
        var rows = table.Skip(1).ToDictionary(r => r[0]);
        Assert.Equal([asShown(Forged), asShown(Scripted), asShown(Formula), "120", "30 lượt khám, tư vấn", "5.000.000 đồng"], rows[asShown(Forged)]);
        Assert.Equal([asShown(TwoLines), string.Empty, string.Empty, "7", "4 lượt khám, tư vấn", "1.000.000 đồng"], rows[asShown(TwoLines)]);
        Assert.Equal([asShown(Marked), string.Empty, string.Empty, "3", "2 lượt khám, tư vấn", "2.000.000 đồng"], rows[asShown(Marked)]);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task A_forged_campaign_name_keeps_its_row_and_the_real_figures_in_markdown()
    {
        await Seed();
        var markdown = Encoding.UTF8.GetString(await Render("md"));
        AssertProgrammes(MarkdownTable(markdown, "Chương trình"), OneLine);
    }

    [Fact]
    public async Task A_forged_campaign_name_keeps_its_row_and_the_real_figures_in_word_over_grpc_and_rest()
    {
        await Seed();
        AssertProgrammes(WordTable(await Render("docx"), "Chương trình"), OneLine);
        using var rest = factory.Rest(factory.Tokens.ProvinceAdmin);
        AssertProgrammes(WordTable(await rest.GetByteArrayAsync("/api/v1/orgUnits/058/annualReports/2013:render?format=docx"), "Chương trình"), OneLine);
    }

    [Fact]
    public async Task A_forged_campaign_name_keeps_its_row_and_the_real_figures_in_html()
    {
        await Seed();
        var html = Encoding.UTF8.GetString(await Render("html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        AssertProgrammes(HtmlTable(html, "Chương trình"), text => text);
    }

    [Fact]
    public async Task The_hxl_export_keeps_names_in_their_column_and_never_as_formulas()
    {
        await Seed();
        var csv = (await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "2013", Format = "hxl" })).Data.ToStringUtf8().TrimStart('\uFEFF');
        var records = CsvRecords(csv);
        Assert.All(records, r => Assert.Equal(15, r.Length));
        var byUnit = records.Skip(2).Where(r => r[5] == "Relief").ToDictionary(r => r[0]);
        // A text cell that would start a formula is led by an apostrophe, as spreadsheets mark text; otherwise as typed.
        foreach (var name in new[] { Formula + ", \"trích\"\nHội giả", "-1", "\t=1+2" })
        {
            Assert.True(byUnit.ContainsKey("'" + name), $"no row for {name}: {string.Join(" / ", byUnit.Keys)}");
            var unit = byUnit["'" + name][1];
            Assert.Equal(["'" + name, unit, string.Empty, string.Empty, string.Empty, "Relief", "Relief and gifts handed over", "2013-01-01", "2013-12-31", "1", "0", "0", string.Empty, "1000", "VND"],
                byUnit["'" + name]);
        }
    }

    /// <summary>Every text field of the report model, hostile, in every format and language: tables keep their cells, the
    /// letterhead and the dateline their shape, directions stay paragraphs.</summary>
    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public async Task Every_text_of_the_report_stays_text_in_markdown_word_and_html(string language)
    {
        const string Unit = "Hội | **xã** <b>giả</b>\n# Tiêu đề";
        const string Parent = "> Hội [tỉnh](http://evil.example) `x`";
        const string Issuer = "| Cấp giả | 1 | 2 |";
        const string Form = "**Bằng khen**\n# giả";
        const string Difficulty = "# khó khăn | 1 |";
        var report = new AnnualReport
        {
            OrgUnit = "058", OrgUnitName = Unit, ParentUnitName = Parent, Year = 2013, TitleVi = "Tổng kết", TitleEn = "Summary",
            Indicators = { new Indicator { Code = "membership.members.new", Value = 3, LabelVi = "Hội viên mới kết nạp", LabelEn = "New members" } },
            ChildUnits =
            {
                new ChildUnitFigures
                {
                    OrgUnit = "01834", OrgUnitName = Unit, Recorded = true,
                    Figures = { new Indicator { Code = "membership.members.active", Value = 3 }, new Indicator { Code = "membership.members.new", Value = 1 } },
                },
            },
            Programmes = { new ReportProgramme { Campaign = Forged, Type = "health_check", Partners = { Scripted, TwoLines }, Sponsors = { Formula }, Beneficiaries = 120, Visits = 30, ValueVnd = 5_000_000 } },
            Commendations = { new ReportCommendation { Issuer = Issuer, Form = Form, Movement = "society_work", Collectives = 2, Individuals = 4, CashVnd = 1_000_000 } },
            Difficulties = { new Difficulty { Code = "x", TextVi = Difficulty, TextEn = Difficulty } },
            Directions = new AnnualReportDirections { Text = Directions },
        };
        var vi = language == "vi";
        var inLanguage = (string v, string e) => vi ? v : e;
        var renderer = factory.Services.GetRequiredService<ReportRenderer>();
        async Task<byte[]> Render(string format) => (await renderer.RenderAsync(report, format, language, new DateOnly(2013, 12, 31))).Data;
        var (programmes, commendations, results, units) = vi ? ("Chương trình", "Cấp khen", "III. PHƯƠNG HƯỚNG", "Đơn vị") : ("Programme", "Issuer", "III. DIRECTIONS", "Unit");
        string[] UnitRow(string name) => [name, "3", "1", "–", "–", inLanguage("0 đồng", "0 VND"), "0"];
        var dateline = vi ? $"{ReportModel.PlaceOf(Unit)}, ngày 31 tháng 12 năm 2013" : $"{ReportModel.PlaceOf(Unit)}, 31 December 2013";

        var markdown = Encoding.UTF8.GetString(await Render("md"));
        var letterhead = MarkdownTables(markdown)[0];
        // A draft: the number left blank for the office to write in, the symbol printed.
        var numberLine = inLanguage("Số: ", "No.: ") + new string('\u00A0', 6) + "/BC-CTĐ";
        Assert.Equal([$"{OneLine(Parent.ToUpperInvariant())}{{html:<br>}}{{em:{OneLine(Unit.ToUpperInvariant())}}}{{html:<br>}}{numberLine}"], letterhead.Select(r => r[0]));
        Assert.Equal(2, letterhead[0].Count);
        Assert.Equal("{em:" + OneLine(dateline) + "}", MarkdownParagraphStartingWith(markdown, "{em:"));
        AssertRows(MarkdownTable(markdown, units), UnitRow(OneLine(Unit)));
        AssertRows(MarkdownTable(markdown, programmes), [OneLine(Forged), OneLine(Scripted + ", " + TwoLines), Formula, "120", inLanguage("30 lượt khám, tư vấn", "30 visits"), inLanguage("5.000.000 đồng", "5,000,000 VND")]);
        AssertRows(MarkdownTable(markdown, commendations), [OneLine(Issuer), OneLine(Form), inLanguage("Công tác Hội", "Society work"), "2", "4", inLanguage("1.000.000 đồng", "1,000,000 VND")]);
        Assert.Contains("{list:" + Difficulty + "}", MarkdownBlocksAfter(markdown, "II."));
        Assert.Equal(DirectionParagraphs, MarkdownBlocksAfter(markdown, "III.").Take(DirectionParagraphs.Length));

        var word = await Render("docx");
        var wordLetterhead = WordTables(word)[0];
        Assert.Equal($"{OneLine(Parent.ToUpperInvariant())}{{br}}{{b:{OneLine(Unit.ToUpperInvariant())}}}{{br}}{numberLine}", wordLetterhead[0][0]);
        Assert.Equal(2, wordLetterhead[0].Count);
        Assert.Equal("{i:" + OneLine(dateline) + "}", WordParagraphStartingWith(word, "{i:"));
        AssertRows(WordTable(word, units), UnitRow(OneLine(Unit)));
        AssertRows(WordTable(word, programmes), [OneLine(Forged), OneLine(Scripted + ", " + TwoLines), Formula, "120", inLanguage("30 lượt khám, tư vấn", "30 visits"), inLanguage("5.000.000 đồng", "5,000,000 VND")]);
        AssertRows(WordTable(word, commendations), [OneLine(Issuer), OneLine(Form), inLanguage("Công tác Hội", "Society work"), "2", "4", inLanguage("1.000.000 đồng", "1,000,000 VND")]);
        Assert.Contains("{indent}- " + Difficulty, WordBlocksAfter(word, "II."));
        Assert.Equal(DirectionParagraphs, WordBlocksAfter(word, results).Take(DirectionParagraphs.Length));

        var html = Encoding.UTF8.GetString(await Render("html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        AssertRows(HtmlTable(html, units), UnitRow(Unit));
        AssertRows(HtmlTable(html, programmes), [Forged, Scripted + ", " + TwoLines, Formula, "120", inLanguage("30 lượt khám, tư vấn", "30 visits"), inLanguage("5.000.000 đồng", "5,000,000 VND")]);
        AssertRows(HtmlTable(html, commendations), [Issuer, Form, inLanguage("Công tác Hội", "Society work"), "2", "4", inLanguage("1.000.000 đồng", "1,000,000 VND")]);
        Assert.Equal(DirectionParagraphs, HtmlParagraphsAfter(html, "III."));
    }

    /// <summary>A header and one body row, each as wide as the header, the body row exactly <paramref name="expected"/>.</summary>
    private static void AssertRows(List<List<string>> table, string[] expected)
    {
        Assert.Equal(2, table.Count);
        Assert.Equal(expected.Length, table[0].Count);
        Assert.Equal(expected, table[1]);
    }
}
