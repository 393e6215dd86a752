using Microsoft.EntityFrameworkCore;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.OrgReplica;

/// <summary>The one lookup of a record by id: unknown is NotFound, outside the caller's reach PermissionDenied, in that
/// order, so a refusal never tells a caller about a unit it may not see. Track the rows to change what is found.</summary>
public static class Resources
{
    /// <summary>A record of the caller's subtree. <paramref name="resource"/> names it in NotFound (the type's name by default).</summary>
    public static async Task<T> RequireAsync<T>(this IQueryable<T> rows, Guid id, string field, Caller caller, CancellationToken ct, string? resource = null)
        where T : class, IResource
    {
        var row = await FindAsync(rows, id, field, resource, ct);
        caller.EnsureCanSee(row.OrgUnitPath);
        return row;
    }

    /// <summary>A record the caller may use: of its subtree or of a unit above it (see <see cref="Units.Serving"/>).</summary>
    public static async Task<T> RequireServingAsync<T>(this IQueryable<T> rows, Guid id, string field, Caller caller, CancellationToken ct, string? resource = null)
        where T : class, IResource
    {
        var row = await FindAsync(rows, id, field, resource, ct);
        if (!caller.CanLocate(row.OrgUnitPath))
        {
            throw new AccessDeniedException($"{resource ?? typeof(T).Name} {id} belongs to a unit outside the caller's scope.");
        }

        return row;
    }

    /// <summary>A record wherever it is, or NotFound: for a rule that decides the caller's reach itself and names its
    /// own reason (a decider acting for an award's issuer), where the subtree's refusal would say less.</summary>
    public static Task<T> RequireExistingAsync<T>(this IQueryable<T> rows, Guid id, string field, CancellationToken ct, string? resource = null)
        where T : class, IResource =>
        FindAsync(rows, id, field, resource, ct);

    private static async Task<T> FindAsync<T>(IQueryable<T> rows, Guid id, string field, string? resource, CancellationToken ct)
        where T : class, IResource =>
        await rows.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new ResourceNotFoundException(resource ?? typeof(T).Name, id.ToString(), field);
}
