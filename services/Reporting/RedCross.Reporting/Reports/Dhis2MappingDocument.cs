using System.Text;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>docs/dhis2.md, written from <see cref="Dhis2Mapping"/> (a test keeps the committed file equal to it; set
/// UPDATE_DOCS=1 when running that test to rewrite it).</summary>
internal static class Dhis2MappingDocument
{
    public static string Markdown()
    {
        var doc = new StringBuilder();
        doc.Append("""
            # DHIS2 mapping / Ánh xạ sang DHIS2

            Generated from `services/Reporting/RedCross.Reporting/Reports/Dhis2Mapping.cs`; do not edit by hand:
            `UPDATE_DOCS=1 dotnet test tests/RedCross.Reporting.Tests --filter Dhis2MappingDocTests` rewrites it.

            `rc report export --format dhis2` (or `ExportIndicators` with `format=dhis2`) writes one data value set holding
            each unit of the subtree with its **own** values (`orgUnit` on every value; DHIS2 sums the hierarchy itself, so a
            district and its communes are never counted twice); references are codes (`idScheme=CODE`); a breakdown's total
            is not sent, DHIS2 sums its category option combos. `--format dhis2-metadata` writes the metadata package those
            codes refer to (category options, categories, category combos, category option combos, data elements, a data set
            of the period's type, the subtree's org units with their codes), with ids that stay the same on every export;
            import it first (`POST /api/metadata`), then the values (`POST /api/dataValueSets`). Every code is at most 50
            characters.

            ## Catalogue code → data element and category option combo

            | catalogue code | data element | category option combo | aggregation |
            |---|---|---|---|

            """);
        foreach (var indicator in Indicators.Catalog)
        {
            if (Dhis2Mapping.Targets.TryGetValue(indicator.Code, out var target))
            {
                var element = Dhis2Mapping.Elements.Single(e => e.Code == target.DataElement);
                doc.Append($"| `{indicator.Code}` | `{target.DataElement}` | {(target.CategoryOptionCombo is { } coc ? $"`{coc}`" : "default")} | {element.AggregationType} |\n");
            }
            else
            {
                var reason = Dhis2Mapping.NotExported.TryGetValue(indicator.Code, out var why) ? $"not sent: {why}" : "not sent: the sum of its breakdown";
                doc.Append($"| `{indicator.Code}` | – | – | {reason} |\n");
            }
        }

        doc.Append("""

            ## Categories / Phân tổ

            | category (and category combo) | option (and category option combo) | name |
            |---|---|---|

            """);
        foreach (var category in Dhis2Mapping.Categories)
        {
            foreach (var option in category.Options)
            {
                doc.Append($"| `{category.Code}` | `{option.Code}` | {option.Name} |\n");
            }
        }

        doc.Append("""

            Aggregation: `SUM` for flows; `LAST` (last value in time, summed over the org unit hierarchy) for stocks counted
            at the period's end; `NONE` for a unit's growth target, which is its plan for its whole subtree and must not be
            added to its children's.

            """);
        return doc.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
