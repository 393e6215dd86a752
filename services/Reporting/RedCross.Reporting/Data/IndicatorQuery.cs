using Microsoft.EntityFrameworkCore;
using RedCross.OrgReplica;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Data;

/// <summary>Indicators of a unit for a period, summed over its subtree as the tree stood in that period
/// (units that existed at some time in it).</summary>
internal static class IndicatorQuery
{
    public static async Task<IReadOnlyDictionary<string, long>> ComputeAsync(ReportingDb db, ReplicatedOrgUnit unit, Period period, CancellationToken ct)
    {
        var codes = await OrgReplica.OrgReplica.SubtreeCodesAsync(db, unit.Path, period.From, period.To, ct);
        var values = Indicators.Catalog.ToDictionary(i => i.Code, _ => 0L);

        var sums = await db.Cells.AsNoTracking()
            .Where(c => c.Period == period.Key && codes.Contains(c.OrgUnitCode))
            .GroupBy(c => c.Code)
            .Select(g => new { g.Key, Sum = g.Sum(c => c.Value) })
            .ToListAsync(ct);
        foreach (var sum in sums)
        {
            values[sum.Key] = sum.Sum;
        }

        foreach (var (code, count) in await Stocks.CountAsync(db, codes, period.To, ct))
        {
            values[code] = count;
        }
        if (period.IsYear)
        {
            var target = await GrowthTargetAsync(db, unit, codes, period.From.Year, ct);
            values[Indicators.GrowthTarget] = target;
            values[Indicators.GrowthPercent] = target > 0 ? values[Indicators.MembersNew] * 100 / target : 0;
        }
        else
        {
            values.Remove(Indicators.GrowthTarget);
            values.Remove(Indicators.GrowthPercent);
            foreach (var code in values.Keys.Where(PeopleBreakdown.IsYearOnly).ToList())
            {
                values.Remove(code);
            }
        }

        return values;
    }

    /// <summary>The unit's own target if set; otherwise the sum of the targets of the highest units
    /// below it that set one (so a province and its districts are not counted twice).</summary>
    private static async Task<long> GrowthTargetAsync(ReportingDb db, ReplicatedOrgUnit unit, List<string> codes, int year, CancellationToken ct)
    {
        var targets = await db.GrowthTargets.AsNoTracking().Where(t => t.Year == year && codes.Contains(t.OrgUnitCode)).ToListAsync(ct);
        if (targets.Count == 0)
        {
            return 0;
        }

        var withTarget = targets.Select(t => t.OrgUnitCode).ToHashSet();
        var paths = await db.Set<ReplicatedOrgUnit>().AsNoTracking().Where(u => withTarget.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Path, ct);
        var unitDepth = unit.Path.Split('/').Length;
        return targets.Where(t => paths.TryGetValue(t.OrgUnitCode, out var path) && !HasTargetAbove(path)).Sum(t => (long)t.NewMembers);

        // Ancestors inside the queried subtree: from the unit itself down to the target's parent.
        bool HasTargetAbove(string path)
        {
            var segments = path.Split('/');
            return segments[(unitDepth - 1)..^1].Any(withTarget.Contains);
        }
    }
}
