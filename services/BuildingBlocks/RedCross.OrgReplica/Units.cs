using Microsoft.EntityFrameworkCore;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.OrgReplica;

/// <summary>A record that belongs to one unit: reads are filtered to the caller's subtree by a prefix test on its path.</summary>
public interface IInUnit
{
    string OrgUnitPath { get; }
}

/// <summary>A record of a unit found by its id: <see cref="Resources.RequireAsync"/> looks it up.</summary>
public interface IResource : IInUnit
{
    Guid Id { get; }
}

/// <summary>Units as a consuming service knows them (its replica of membership's tree): unknown ones are NotFound, ones
/// outside the caller's subtree PermissionDenied, closed ones FailedPrecondition, in that order, so a refusal never tells
/// a caller about a unit it may not see. One place for every service that keeps a replica.</summary>
public static class Units
{
    /// <summary>Rule reason: a record is made in a unit open on its day.</summary>
    public const string NotOpen = "ORG_UNIT_NOT_OPEN";

    public static async Task<ReplicatedOrgUnit> RequireAsync(ModuleDbContext db, string code, string field, Caller caller, CancellationToken ct)
    {
        var unit = await OrgReplica.FindAsync(db, code, ct) ?? throw new ResourceNotFoundException("OrgUnit", code, field);
        caller.EnsureCanSee(unit.Path);
        return unit;
    }

    public static async Task<ReplicatedOrgUnit> RequireOpenAsync(ModuleDbContext db, string code, string field, DateOnly on, Caller caller, CancellationToken ct)
    {
        var unit = await RequireAsync(db, code, field, caller, ct);
        if (unit.ValidFrom > on || unit.ValidTo < on)
        {
            throw new RuleViolationException(NotOpen, $"Org unit '{unit.Code}' is not open on {on:yyyy-MM-dd} ({field}).");
        }

        return unit;
    }

    /// <summary>The path a list covers: <paramref name="orgUnit"/>'s subtree when given (inside the caller's), else the
    /// caller's subtree; null for the whole tree.</summary>
    public static async Task<string?> ScopeAsync(ModuleDbContext db, string? orgUnit, Caller caller, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(orgUnit))
        {
            return caller.Subtree;
        }

        return (await RequireAsync(db, orgUnit, "org_unit", caller, ct)).Path;
    }

    /// <summary>Rows whose unit is inside <paramref name="scope"/> (all when null).</summary>
    public static IQueryable<T> Within<T>(IQueryable<T> rows, string? scope)
        where T : IInUnit =>
        OrgPath.Within(rows, r => r.OrgUnitPath, scope);

    /// <summary>Rows a caller may use though they may not belong to the caller's subtree: those of the subtree and of
    /// the units above it (a province's sponsor serves its communes).</summary>
    public static IQueryable<T> Serving<T>(IQueryable<T> rows, Caller caller)
        where T : IInUnit =>
        OrgPath.Within(rows, r => r.OrgUnitPath, caller.Subtree, orAbove: true);

    /// <summary>Keyset paging by UUIDv7 id (creation order): the token is the last id of the previous page.</summary>
    public static Guid? After(Input input, string? pageToken)
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

    public static Task<(List<T> Page, string Next)> PageAsync<T>(IQueryable<T> ordered, int pageSize, Func<T, Guid> id, CancellationToken ct) =>
        PageAsync(ordered, pageSize, (T row) => id(row).ToString(), ct);

    /// <summary>A page and the token of the next one (the last key of this page), empty on the last page.</summary>
    public static async Task<(List<T> Page, string Next)> PageAsync<T>(IQueryable<T> ordered, int pageSize, Func<T, string> key, CancellationToken ct)
    {
        var rows = await ordered.Take(pageSize + 1).ToListAsync(ct);
        var next = rows.Count > pageSize ? Input.EncodePageToken(key(rows[pageSize - 1])) : string.Empty;
        return (rows.Take(pageSize).ToList(), next);
    }
}
