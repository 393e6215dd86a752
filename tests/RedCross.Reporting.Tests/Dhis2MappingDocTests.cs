using RedCross.Reporting.Domain;
using RedCross.Reporting.Reports;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The DHIS2 mapping: within DHIS2's limits, complete over the catalogue, and written out as docs/dhis2.md.</summary>
public sealed class Dhis2MappingDocTests
{
    private static string DocPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RedCross.Platform.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "docs", "dhis2.md");
    }

    [Fact]
    public void Docs_dhis2_md_equals_the_mapping_in_code()
    {
        var generated = Dhis2MappingDocument.Markdown();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath(), generated);
        }

        Assert.Equal(generated, File.ReadAllText(DocPath()).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_code_is_within_fifty_characters_and_unique()
    {
        var elements = Dhis2Mapping.Elements.Select(e => e.Code).ToList();
        var options = Dhis2Mapping.Categories.SelectMany(c => c.Options).Select(o => o.Code).ToList();
        var categories = Dhis2Mapping.Categories.Select(c => c.Code).ToList();
        Assert.All(elements.Concat(options).Concat(categories), code => Assert.InRange(code.Length, 1, Dhis2Mapping.MaxCodeLength));
        Assert.Equal(elements.Count, elements.Distinct().Count());
        Assert.Equal(options.Count, options.Distinct().Count());
        // Names are unique in DHIS2 too.
        Assert.Equal(elements.Count, Dhis2Mapping.Elements.Select(e => e.Indicator.Vi).Distinct().Count());
        // Today's catalogue has codes over the limit (the per-issuer awards): they are category option combos, not data elements.
        Assert.Contains(Indicators.Catalog, i => i.Code.Length > Dhis2Mapping.MaxCodeLength);
        Assert.DoesNotContain(Indicators.Catalog, i => i.Code.Length > Dhis2Mapping.MaxCodeLength && elements.Contains(i.Code));
    }

    [Fact]
    public void Every_catalogue_code_is_sent_once_or_left_out_for_a_stated_reason()
    {
        var totals = Dhis2Mapping.Elements.Where(e => e.Category is not null).Select(e => e.Code).ToHashSet();
        foreach (var indicator in Indicators.Catalog)
        {
            var sent = Dhis2Mapping.Targets.ContainsKey(indicator.Code);
            var reason = Dhis2Mapping.NotExported.ContainsKey(indicator.Code);
            var total = totals.Contains(indicator.Code);
            Assert.True(new[] { sent, reason, total }.Count(b => b) == 1, $"{indicator.Code}: sent {sent}, left out {reason}, a breakdown's total {total}");
        }

        // Each (data element, category option combo) receives one catalogue figure.
        Assert.Equal(Dhis2Mapping.Targets.Count, Dhis2Mapping.Targets.Values.Distinct().Count());
        Assert.Equal(
            [.. Indicators.IssuerKinds.Select(k => Indicators.ByIssuer(Indicators.AwardsCash, k.Kind))],
            Dhis2Mapping.Targets.Where(t => t.Value.DataElement == Indicators.AwardsCash).Select(t => t.Key).ToArray());
        Assert.Equal(
            [Indicators.CampaignVisitsExamination, Indicators.CampaignVisitsConsultation],
            Dhis2Mapping.Targets.Where(t => t.Value.DataElement == Indicators.CampaignVisits).Select(t => t.Key).ToArray());
    }

    [Fact]
    public void Stocks_are_aggregated_by_their_last_value_and_flows_are_summed()
    {
        var aggregation = Dhis2Mapping.Elements.ToDictionary(e => e.Code, e => e.AggregationType);
        Assert.Equal("LAST", aggregation[Indicators.MembersActive]);
        Assert.Equal("LAST", aggregation[Indicators.ReliefAddressesActive]);
        Assert.Equal("LAST", aggregation[Indicators.ReliefAddressesOverdue]);
        Assert.Equal("NONE", aggregation[Indicators.GrowthTarget]);
        Assert.Equal("SUM", aggregation[Indicators.MembersNew]);
        Assert.Equal("SUM", aggregation[Indicators.AwardsCash]);
    }

    [Fact]
    public void Ids_are_dhis2_uids_stable_and_distinct()
    {
        var ids = Dhis2Mapping.Elements.Select(e => Dhis2Mapping.Uid("dataElement", e.Code)).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z][a-zA-Z0-9]{10}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Dhis2Mapping.Uid("organisationUnit", "058"), Dhis2Mapping.Uid("organisationUnit", "058"));
        Assert.NotEqual(Dhis2Mapping.Uid("organisationUnit", "058"), Dhis2Mapping.Uid("dataSet", "058"));
    }
}
