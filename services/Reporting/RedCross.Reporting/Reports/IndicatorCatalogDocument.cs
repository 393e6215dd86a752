using System.Text;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>docs/indicators.md, written from the registry in <see cref="Indicators.Catalog"/> (a test keeps the
/// committed file equal to it; set UPDATE_DOCS=1 when running that test to rewrite it).</summary>
internal static class IndicatorCatalogDocument
{
    public static string Markdown()
    {
        var doc = new StringBuilder();
        doc.Append("""
            # Indicators / Chỉ tiêu

            Generated from `services/Reporting/RedCross.Reporting/Domain/Indicators.cs` (`Indicators.Catalog`); do not edit by
            hand: `UPDATE_DOCS=1 dotnet test tests/RedCross.Reporting.Tests --filter IndicatorCatalogDocTests` rewrites it.
            Every indicator is kept per org unit and period (year, half-year, quarter, month; Vietnam-local dates) and summed over a
            unit's subtree as the tree stood in that period. Their DHIS2 data elements and category option combos (`rc report
            export --format dhis2`) are in docs/dhis2.md. Units: `count`, `vnd` (whole đồng; `1.234.567 đồng`, `1,234,567 VND`), `percent`, `millilitre`.

            | code | Tiếng Việt | English | unit | source events |
            |---|---|---|---|---|

            """);
        foreach (var i in Indicators.Catalog)
        {
            doc.Append($"| `{i.Code}` | {i.Vi} | {i.En} | {i.Unit.ToString().ToLowerInvariant()} | {string.Join(", ", i.SourceEvents)} |\n");
        }

        doc.Append("""

            ## Difficulties derived from the figures / Khó khăn, hạn chế

            | code | when | figures |
            |---|---|---|
            | `membership.growth_below_target` | the year's new members are below the unit's growth target | `membership.members.new`, `membership.members.growth_target`, `membership.members.growth_vs_target_pct` |
            | `relief.address_reviews_overdue` | humanitarian addresses are overdue for review at the end of the year | `relief.addresses.active`, `relief.addresses.review_overdue` |

            """);
        return doc.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
