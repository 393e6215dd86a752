using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Domain;

namespace RedCross.Membership.Data;

/// <summary>Counts the rules in Domain/ need, read from the database (inside the caller's write transaction).</summary>
internal static class MembershipQueries
{
    /// <summary>Members active in the unit's subtree on some day of <paramref name="year"/> (<see cref="ExemptionCap.MembersOfYear"/>).</summary>
    public static async Task<int> MembersOfYearAsync(MembershipDb db, string unitPath, int year, CancellationToken ct)
    {
        var prefix = unitPath + "/";
        var lastDay = new DateOnly(year, 12, 31);
        // Members there now, and members who moved away (they may have been there that year).
        var candidates = await db.Members.AsNoTracking().Include(m => m.History).Include(m => m.Transfers)
            .Where(m => m.JoinedDate <= lastDay && (m.OrgUnitPath == unitPath || m.OrgUnitPath.StartsWith(prefix)
                || m.Transfers.Any(t => t.FromUnitPath == unitPath || t.FromUnitPath.StartsWith(prefix))))
            .AsSplitQuery().ToListAsync(ct);
        return ExemptionCap.MembersOfYear(candidates, unitPath, year);
    }
}
