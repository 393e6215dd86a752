using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.Configuration;
using RedCross.Contracts.Reporting.V1;

namespace RedCross.Reporting.Reports;

/// <summary>Renders the annual report from Liquid template files: `annual-report.{language}.md.liquid` and
/// `annual-report.{language}.html.liquid` in the Templates folder beside the binary, or in the folder named by the
/// `Reporting:TemplatesPath` setting (a province's own copy). Files are read on every render, so an edit shows at
/// once. The Word document is built from the Markdown rendering, so editing the Markdown template edits it too; the
/// Markdown download itself has no charts (it stays text). The Excel workbook is the report's data, not a template.</summary>
internal sealed class ReportRenderer(IConfiguration configuration)
{
    public const string Markdown = "md";
    public const string Html = "html";
    public const string Word = "docx";
    public const string Excel = "xlsx";

    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string>
    {
        [Markdown] = Markdown,
        [Html] = Html,
        [Word] = Word,
        [Excel] = Excel,
    };

    private static readonly FluidParser Parser = new();

    // Every value a template prints is escaped for the format it lands in (text typed by users must not change the
    // document's structure): HTML here, Markdown by MarkdownEncoder (the Word document is read from that Markdown).
    // Vietnamese letters stay letters (the page is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder Html5 = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public string TemplatesPath => configuration["Reporting:TemplatesPath"] is { Length: > 0 } path
        ? path
        : Path.Combine(AppContext.BaseDirectory, "Templates");

    /// <summary>The document's bytes and content type.</summary>
    public async Task<(byte[] Data, string ContentType)> RenderAsync(AnnualReport report, string format, string language, DateOnly issuedOn)
    {
        var model = ReportModel.Of(report, language, issuedOn);
        switch (format)
        {
            case Html:
                // Charts inline as SVG: text stays text (searchable, sharp in print), no image requests.
                model["charts"] = ReportCharts.Of(report, language)
                    .Select(c => (object)new Dictionary<string, object> { ["key"] = c.Key, ["title"] = c.Title, ["svg"] = c.Svg() }).ToList();
                var html = await RenderTemplateAsync(Html, language, model, Html5);
                return (System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
            case Word:
                // The Markdown template places each chart with `![caption](key)`; Word gets the PNG under that key.
                var charts = ReportCharts.Of(report, language);
                model["charts"] = charts.Select(c => (object)new Dictionary<string, object> { ["key"] = c.Key, ["title"] = c.Title }).ToList();
                var source = await RenderTemplateAsync(Markdown, language, model, MarkdownEncoder.Instance);
                return (WordDocument.FromMarkdown(source, charts.ToDictionary(c => c.Key, c => c.Png())),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            case Excel:
                return (ReportWorkbook.Of(report, language), ReportWorkbook.ContentType);
            default:
                var markdown = await RenderTemplateAsync(Markdown, language, model, MarkdownEncoder.Instance);
                return (System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8");
        }
    }

    private async Task<string> RenderTemplateAsync(string kind, string language, Dictionary<string, object> model, TextEncoder encoder)
    {
        var file = Path.Combine(TemplatesPath, $"annual-report.{language}.{kind}.liquid");
        var source = await File.ReadAllTextAsync(file);
        if (!Parser.TryParse(source, out var template, out var error))
        {
            // A province's edit broke its template: say which file and where, rather than a bare Internal error.
            throw new InvalidOperationException($"The report template {file} does not parse: {error}");
        }

        var context = new TemplateContext(new TemplateOptions());
        foreach (var (key, value) in model)
        {
            context.SetValue(key, value);
        }

        return await template.RenderAsync(context, encoder);
    }
}
