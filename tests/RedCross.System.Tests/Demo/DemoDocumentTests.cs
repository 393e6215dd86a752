using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Playwright;
using RedCross.Testing.Processes;
using Xunit;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace RedCross.System.Tests.Demo;

/// <summary>The demo's report as people open it: the Word file a district office prints, and the HTML page in a real
/// browser (Debian's Chromium driven by Playwright), with a screenshot kept under TestResults/.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoDocumentTests(DemoMonolith demo)
{
    private const string Url = "/api/v1/orgUnits/058/annualReports/2013:render";

    /// <summary>The seed's figures as a Vietnamese reader writes them.</summary>
    private static readonly string[] SeedFigures = ["352.323.000 đồng", "150.000.000 đồng", "3.500.000 đồng", "Viettel Bắc Kạn"];

    [Fact]
    public async Task The_Word_report_passes_the_OpenXML_validator_and_shows_the_seeds_figures_in_Vietnamese_form()
    {
        using var rest = demo.Rest();
        using var response = await rest.GetAsync(Url + "?format=docx");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var body = document.MainDocumentPart!.Document!.Body!;
        var text = string.Join("\n", body.Descendants<Word.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("Tổng kết công tác Hội Chữ thập đỏ năm 2013 và phương hướng nhiệm vụ năm 2014", text, StringComparison.Ordinal);
        Assert.Contains("tổ chức 1 lớp tập huấn", text, StringComparison.Ordinal);
        Assert.All(SeedFigures, figure => Assert.Contains(figure, text, StringComparison.Ordinal));
        Assert.Contains("Công tác phát triển hội viên chưa cao", text, StringComparison.Ordinal);
        // The official form's parts, the parts as headings the navigation pane lists, and the charts as pictures.
        Assert.Contains("Nơi nhận:", text, StringComparison.Ordinal);
        Assert.Contains("Hội Chữ thập đỏ tỉnh Bắc Kạn (để báo cáo);", text, StringComparison.Ordinal);
        Assert.Contains("/BC-CTĐ", text, StringComparison.Ordinal);
        Assert.Contains(body.Elements<Word.Paragraph>(), p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1" && p.InnerText.StartsWith("I. KẾT QUẢ", StringComparison.Ordinal));
        Assert.NotEmpty(document.MainDocumentPart.ImageParts);

        // Read as one document: section I in paragraphs per area without the zero figures (no dues were recorded), the
        // table of all eight communes, the appendix with every figure, and the people by sex and age band.
        var paragraphs = body.Elements<Word.Paragraph>().Select(p => p.InnerText).ToList();
        var sectionOne = paragraphs[paragraphs.FindIndex(p => p.StartsWith("I. KẾT QUẢ", StringComparison.Ordinal))..paragraphs.FindIndex(p => p.StartsWith("II. KHÓ KHĂN", StringComparison.Ordinal))];
        Assert.Contains(sectionOne, p => p.StartsWith("1. Công tác tổ chức", StringComparison.Ordinal));
        Assert.DoesNotContain(sectionOne, p => p.Contains("hội phí", StringComparison.OrdinalIgnoreCase));
        var tables = body.Descendants<Word.Table>().Select(t => t.Elements<Word.TableRow>().Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText).ToList()).ToList()).ToList();
        Assert.Equal(1 + 8, tables.Single(t => t[0][0] == "Đơn vị").Count);
        Assert.Contains(paragraphs, p => p == "PHỤ LỤC: CÁC CHỈ TIÊU NĂM 2013");
        Assert.Contains(tables.Single(t => t[0][0] == "STT"), row => row[1] == "Hội phí thu được (đồng)" && row[3] == "0 đồng");
        var people = tables.Single(t => t[0][0] == "Giới tính, nhóm tuổi");
        Assert.True(people.Skip(1).Sum(row => long.Parse(row[1].Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)) > 0);
    }

    [Fact]
    public async Task The_HTML_report_shows_the_seeds_figures_in_a_real_browser_and_leaves_a_screenshot()
    {
        using var rest = demo.Rest();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = rest.DefaultRequestHeaders.Authorization!.ToString() },
            ViewportSize = new ViewportSize { Width = 1100, Height = 1400 },
        });
        var response = await page.GotoAsync(rest.BaseAddress + Url.TrimStart('/') + "?format=html");
        Assert.Equal(200, response!.Status);

        Assert.Equal("BÁO CÁO", (await page.Locator("h1").First.InnerTextAsync()).Trim());
        var shown = await page.Locator("body").InnerTextAsync();
        Assert.All(SeedFigures, figure => Assert.Contains(figure, shown, StringComparison.Ordinal));
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", shown, StringComparison.Ordinal);
        // Rendered, not just present: the relief total is laid out on the page with a size.
        var total = page.GetByText("352.323.000 đồng").First;
        Assert.True(await total.IsVisibleAsync());
        Assert.True((await total.BoundingBoxAsync())!.Width > 0);
        // The charts are drawn: inline SVG laid out with a size, lettered in Vietnamese.
        var chart = page.Locator("figure.chart svg").First;
        Assert.True((await chart.BoundingBoxAsync())!.Width > 300);
        Assert.Contains("Hội viên mới kết nạp theo tháng, năm 2013", shown, StringComparison.Ordinal);
        Assert.Contains("Nơi nhận:", shown, StringComparison.Ordinal);
        // The eight communes' table and the appendix are laid out too.
        Assert.Equal(8, await page.Locator("tr[data-unit]").CountAsync());
        Assert.True(await page.GetByText("PHỤ LỤC: CÁC CHỈ TIÊU NĂM 2013").IsVisibleAsync());

        var screenshot = Path.Combine(Repo.Root, "TestResults", "annual-report-058-2013.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
