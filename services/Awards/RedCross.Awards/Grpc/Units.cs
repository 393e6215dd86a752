using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Awards.Grpc;

/// <summary>Units as awards knows them (its replica of membership's tree): unknown ones are NotFound, ones outside the
/// caller's subtree PermissionDenied, in that order, so a refusal never tells a caller about a unit it may not see.</summary>
internal static class Units
{
    public static async Task<ReplicatedOrgUnit> RequireAsync(AwardsDb db, string code, string field, Caller caller, CancellationToken ct)
    {
        var unit = await OrgReplica.OrgReplica.FindAsync(db, code, ct) ?? throw new ResourceNotFoundException("OrgUnit", code, field);
        caller.EnsureCanSee(unit.Path);
        return unit;
    }

    /// <summary>The path a list covers: <paramref name="orgUnit"/>'s subtree when given (inside the caller's), else the
    /// caller's subtree; null for the whole tree.</summary>
    public static async Task<string?> ScopeAsync(AwardsDb db, string? orgUnit, Caller caller, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(orgUnit))
        {
            return caller.Level == UnitLevels.Root ? null : caller.OrgPath;
        }

        return (await RequireAsync(db, orgUnit, "org_unit", caller, ct)).Path;
    }

    /// <summary>Rows whose unit is inside <paramref name="scope"/> (all when null).</summary>
    public static IQueryable<T> Within<T>(IQueryable<T> rows, string? scope)
        where T : IInUnit
    {
        if (scope is null)
        {
            return rows;
        }

        var prefix = scope + "/";
        return rows.Where(r => r.OrgUnitPath == scope || r.OrgUnitPath.StartsWith(prefix));
    }

    /// <summary>Keyset paging by UUIDv7 id: the token is the last id of the previous page.</summary>
    public static Guid? AfterId(Input input, string? pageToken)
    {
        var token = input.PageToken(pageToken);
        if (token is null)
        {
            return null;
        }

        if (Guid.TryParse(token, out var last))
        {
            return last;
        }

        input.Fail("page_token", "is not a token this service issued");
        return null;
    }

    public static async Task<(List<T> Page, string Next)> PageAsync<T>(IQueryable<T> ordered, int pageSize, Func<T, string> key, CancellationToken ct)
    {
        var rows = await ordered.Take(pageSize + 1).ToListAsync(ct);
        var next = rows.Count > pageSize ? Input.EncodePageToken(key(rows[pageSize - 1])) : string.Empty;
        return (rows.Take(pageSize).ToList(), next);
    }
}
