using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Grpc;

/// <summary>Reads of the tree that every membership operation needs: a unit by code (NotFound names the
/// field), and the commune a unit belongs to.</summary>
internal static class OrgTree
{
    public static async Task<OrgUnit> RequireAsync(MembershipDb db, string code, string field, CancellationToken cancellationToken) =>
        await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, cancellationToken)
            ?? throw new ResourceNotFoundException("OrgUnit", code, field);

    /// <summary>The commune-level unit (Hội cơ sở) at or above <paramref name="unit"/>, or null above that level.</summary>
    public static async Task<OrgUnit?> CommuneOfAsync(MembershipDb db, OrgUnit unit, CancellationToken cancellationToken)
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
        var ancestors = await db.OrgUnits.AsNoTracking().Where(u => codes.Contains(u.Code)).ToListAsync(cancellationToken);
        return ancestors.FirstOrDefault(u => OrgLevels.IsCommuneLevel(u.Level));
    }

    public static void EnsureOpenOn(OrgUnit unit, DateOnly date, string field)
    {
        if (!unit.ExistsOn(date))
        {
            throw new RuleViolationException("ORG_UNIT_NOT_OPEN", $"Org unit '{unit.Code}' does not exist on {date:yyyy-MM-dd} ({field}).");
        }
    }
}
