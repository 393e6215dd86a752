using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Domain;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>The lookups the handlers share, so each names a record as the API does in one place: a member by id
/// (with its history, which its rules read) and a unit by code, both refused outside the caller's subtree.</summary>
internal static class MembershipReads
{
    /// <summary>A member of the caller's subtree with its history; tracked from <paramref name="members"/> to change it.</summary>
    public static Task<Member> MemberAsync(this IQueryable<Member> members, Guid id, string field, Caller caller, CancellationToken ct) =>
        members.WithHistory().RequireAsync(id, field, caller, ct);

    /// <summary>Members with their status changes and moves, which their rules and their proto read.</summary>
    public static IQueryable<Member> WithHistory(this IQueryable<Member> members) =>
        members.Include(m => m.History).Include(m => m.Transfers).AsSplitQuery();

    /// <summary>A national ID names one member.</summary>
    public static async Task EnsureNationalIdFreeAsync(this MembershipDb db, string? nationalId, Guid? self, CancellationToken ct)
    {
        if (nationalId is not null && await db.Members.AnyAsync(m => m.NationalId == nationalId && m.Id != self, ct))
        {
            throw new ResourceConflictException("national_id", "A member with this national ID exists already.");
        }
    }

    /// <summary>The subtree a list covers: <paramref name="orgUnit"/>'s when given (it must be inside the caller's), else
    /// the caller's; null when that is the whole tree.</summary>
    public static async Task<string?> ListScopeAsync(this MembershipDb db, string? orgUnit, Caller caller, CancellationToken ct) =>
        string.IsNullOrEmpty(orgUnit) ? caller.Subtree : (await db.UnitAsync(orgUnit, "org_unit", caller, ct)).Path;

    /// <summary>A unit by code (unknown is NotFound naming <paramref name="field"/>), untracked unless read from a tracked set.</summary>
    public static async Task<OrgUnit> UnitAsync(this IQueryable<OrgUnit> units, string code, string field, CancellationToken ct) =>
        await units.FirstOrDefaultAsync(u => u.Code == code, ct) ?? throw new ResourceNotFoundException("OrgUnit", code, field);

    /// <summary>A unit of the caller's subtree: NotFound first, then PermissionDenied, as for every resource.</summary>
    public static async Task<OrgUnit> UnitAsync(this IQueryable<OrgUnit> units, string code, string field, Caller caller, CancellationToken ct)
    {
        var unit = await units.UnitAsync(code, field, ct);
        caller.EnsureCanSee(unit.Path);
        return unit;
    }

    /// <summary>A unit by code, untracked.</summary>
    public static Task<OrgUnit> UnitAsync(this MembershipDb db, string code, string field, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().UnitAsync(code, field, ct);

    /// <summary>A unit of the caller's subtree by code, untracked.</summary>
    public static Task<OrgUnit> UnitAsync(this MembershipDb db, string code, string field, Caller caller, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().UnitAsync(code, field, caller, ct);

    /// <summary>The commune-level unit (Hội cơ sở) at or above <paramref name="unit"/>, or null above that level.</summary>
    public static async Task<OrgUnit?> CommuneOfAsync(this MembershipDb db, OrgUnit unit, CancellationToken ct)
    {
        if (OrgLevels.IsCommuneLevel(unit.Level))
        {
            return unit;
        }

        if (OrgLevels.Rank(unit.Level) < 3)
        {
            return null;
        }

        var codes = unit.Path.Split('/');
        var ancestors = await db.OrgUnits.AsNoTracking().Where(u => codes.Contains(u.Code)).ToListAsync(ct);
        return ancestors.FirstOrDefault(u => OrgLevels.IsCommuneLevel(u.Level));
    }

    /// <summary>The first of <paramref name="ids"/> that names no member, or null when all do.</summary>
    public static async Task<Guid?> FirstUnknownMemberAsync(this MembershipDb db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var known = (await db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        return ids.Where(id => !known.Contains(id)).Select(id => (Guid?)id).FirstOrDefault();
    }

    /// <summary>What <paramref name="memberId"/>'s dues year holds already (<see cref="DuesYear.Pay"/>).</summary>
    public static async Task<DuesYearSoFar> DuesYearAsync(this MembershipDb db, Guid memberId, int year, CancellationToken ct) =>
        new(await db.DuesExemptions.AnyAsync(e => e.MemberId == memberId && e.Year == year && e.VoidedAt == null, ct),
            await db.DuesPayments.Where(p => p.MemberId == memberId && p.Year == year && p.VoidedAt == null).SumAsync(p => p.Months, ct));
}
