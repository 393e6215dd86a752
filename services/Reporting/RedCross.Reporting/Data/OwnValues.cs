using Microsoft.EntityFrameworkCore;
using RedCross.OrgReplica;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Data;

/// <summary>A unit's own figures: from the records kept in the unit itself, never its children's.</summary>
internal sealed record UnitFigures(ReplicatedOrgUnit Unit, IReadOnlyDictionary<string, long> Values);

/// <summary>The figures of each unit of a subtree on its own (as the tree stood in the period), for exports read by a
/// system that sums the hierarchy itself: summing them gives <see cref="IndicatorQuery"/>'s subtree figures. A growth
/// target is the one the unit set for itself; the percentage against it is a ratio, not a figure of one unit, and is
/// left out. Units are in path order; those without any non-zero figure are left out.</summary>
internal static class OwnValues
{
    public static async Task<List<UnitFigures>> ComputeAsync(ReportingDb db, ReplicatedOrgUnit unit, Period period, CancellationToken ct)
    {
        var codes = await OrgReplica.OrgReplica.SubtreeCodesAsync(db, unit.Path, period.From, period.To, ct);
        var byUnit = new Dictionary<string, Dictionary<string, long>>();
        void Set(string unitCode, string code, long value)
        {
            if (!Kept(code, period))
            {
                return;
            }

            if (!byUnit.TryGetValue(unitCode, out var values))
            {
                byUnit[unitCode] = values = Indicators.Catalog.Where(i => Kept(i.Code, period)).ToDictionary(i => i.Code, _ => 0L);
            }

            values[code] = value;
        }

        var cells = await db.Cells.AsNoTracking()
            .Where(c => c.Period == period.Key && codes.Contains(c.OrgUnitCode))
            .GroupBy(c => new { c.OrgUnitCode, c.Code })
            .Select(g => new { g.Key.OrgUnitCode, g.Key.Code, Sum = g.Sum(c => c.Value) })
            .ToListAsync(ct);
        foreach (var cell in cells.Where(c => c.Sum != 0))
        {
            Set(cell.OrgUnitCode, cell.Code, cell.Sum);
        }

        foreach (var (unitCode, code, count) in await Stocks.CountByUnitAsync(db, codes, period.To, ct))
        {
            if (count != 0)
            {
                Set(unitCode, code, count);
            }
        }

        if (period.IsYear)
        {
            var year = period.From.Year;
            foreach (var target in await db.GrowthTargets.AsNoTracking().Where(t => t.Year == year && codes.Contains(t.OrgUnitCode)).ToListAsync(ct))
            {
                if (target.NewMembers != 0)
                {
                    Set(target.OrgUnitCode, Indicators.GrowthTarget, target.NewMembers);
                }
            }
        }

        var units = await db.Set<ReplicatedOrgUnit>().AsNoTracking().Where(u => byUnit.Keys.Contains(u.Code)).ToListAsync(ct);
        return [.. units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => new UnitFigures(u, byUnit[u.Code]))];
    }

    private static readonly HashSet<string> Catalogued = [.. Indicators.Catalog.Select(i => i.Code)];

    /// <summary>The codes a unit's own figures hold: the catalogue's, a target only for a year (as in
    /// <see cref="IndicatorQuery"/>), and no percentage.</summary>
    private static bool Kept(string code, Period period) =>
        Catalogued.Contains(code) && code != Indicators.GrowthPercent && (period.IsYear || (code != Indicators.GrowthTarget && !PeopleBreakdown.IsYearOnly(code)));
}
