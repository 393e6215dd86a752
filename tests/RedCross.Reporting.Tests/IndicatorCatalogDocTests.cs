using RedCross.Reporting.Domain;
using RedCross.Reporting.Projections;
using RedCross.Reporting.Reports;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>docs/indicators.md is the registry in code, written out; every source event it names is one a source projects.</summary>
public sealed class IndicatorCatalogDocTests
{
    private static string DocPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RedCross.Platform.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "docs", "indicators.md");
    }

    [Fact]
    public void Docs_indicators_md_equals_the_catalogue_in_code()
    {
        var generated = IndicatorCatalogDocument.Markdown();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath(), generated);
        }

        Assert.Equal(generated, File.ReadAllText(DocPath()).Replace("\r\n", "\n", StringComparison.Ordinal));
        foreach (var indicator in Indicators.Catalog)
        {
            Assert.Contains($"| `{indicator.Code}` | {indicator.Vi} | {indicator.En} |", generated, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_source_event_named_in_the_catalogue_is_projected_by_a_source()
    {
        var projected = ReportingSources.All.SelectMany(s => s.Counted).Select(t => t.Name).ToHashSet();
        Assert.All(Indicators.Catalog.SelectMany(i => i.SourceEvents), name => Assert.Contains(name, projected));
        Assert.Equal(Indicators.Catalog.Count, Indicators.Catalog.Select(i => i.Code).Distinct().Count());
    }
}
