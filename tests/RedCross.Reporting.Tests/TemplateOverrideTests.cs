using System.Text;
using Grpc.Core;
using MassTransit.Testing;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>A reporting host whose Reporting:TemplatesPath names a province's own copy of the templates.</summary>
public sealed class ProvinceTemplatesFactory : HostFactory<Program>
{
    public string TemplatesPath { get; } = Path.Combine(Path.GetTempPath(), "rc-templates-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reporting:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:Sources:Relief", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:CatchUp:Interval", "01:00:00");
        builder.UseSetting("Reporting:TemplatesPath", TemplatesPath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(TemplatesPath))
        {
            Directory.Delete(TemplatesPath, recursive: true);
        }
    }
}

/// <summary>The report's templates are files: a province's edited copy changes the document with no new build.</summary>
public sealed class TemplateOverrideTests(ProvinceTemplatesFactory factory) : IClassFixture<ProvinceTemplatesFactory>
{
    [Fact]
    public async Task An_edited_copy_of_the_templates_named_by_the_setting_is_rendered_in_markdown_and_word()
    {
        Directory.CreateDirectory(factory.TemplatesPath);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Templates")))
        {
            File.Copy(file, Path.Combine(factory.TemplatesPath, Path.GetFileName(file)));
        }

        var vi = Path.Combine(factory.TemplatesPath, "annual-report.vi.md.liquid");
        File.WriteAllText(vi, File.ReadAllText(vi).Replace("# BÁO CÁO", "# BÁO CÁO CỦA TỈNH {{ unit_code }}", StringComparison.Ordinal));

        await Services.GetTestHarness().Bus.Publish(ReplicaTree.Unit("06", null, "06", "province"));
        var client = new Contracts.Reporting.V1.Reporting.ReportingClient(factory.Channel(factory.Tokens.ProvinceAdmin));
        var request = new RenderAnnualReportRequest { OrgUnit = "06", Year = 2013, Format = "md" };
        var md = await Eventually.Until(
            async () => { try { return Encoding.UTF8.GetString((await client.RenderAnnualReportAsync(request)).Data.ToByteArray()); } catch (RpcException) { return null; } },
            text => text is not null, what: "06 in the replica");
        Assert.Contains("# BÁO CÁO CỦA TỈNH 06", md, StringComparison.Ordinal);

        request.Format = "docx";
        var docx = (await client.RenderAnnualReportAsync(request)).Data.ToByteArray();
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains("BÁO CÁO CỦA TỈNH 06", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    private IServiceProvider Services => factory.Services;
}
