using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>Counts the rules in Domain/ need, read from the database (inside the caller's write transaction).</summary>
internal static class MembershipQueries
{
    /// <summary>Members active in the unit's subtree on some day of <paramref name="year"/> (<see cref="ExemptionCap.MembersOfYear"/>).</summary>
    public static async Task<int> MembersOfYearAsync(MembershipDb db, string unitPath, int year, CancellationToken ct)
    {
        var lastDay = new DateOnly(year, 12, 31);
        // Members there now, and members who moved away (they may have been there that year).
        var here = OrgPath.Within(db.Members, m => m.OrgUnitPath, unitPath).Select(m => m.Id);
        var movedAway = OrgPath.Within(db.Set<MemberTransfer>(), t => t.FromUnitPath, unitPath).Select(t => t.MemberId);
        var candidates = await db.Members.AsNoTracking().WithHistory()
            .Where(m => m.JoinedDate <= lastDay && (here.Contains(m.Id) || movedAway.Contains(m.Id)))
            .ToListAsync(ct);
        return ExemptionCap.MembersOfYear(candidates, unitPath, year);
    }
}
