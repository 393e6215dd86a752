using System.Security.Claims;
using Grpc.Core;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.ServiceDefaults.Security;

/// <summary>Claim names of the platform's tokens.</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Org = "org";
    public const string Scope = "scope";
}

/// <summary>The roles a token can carry; what each may do is in <see cref="Permissions.Table"/>.</summary>
public static class Roles
{
    public const string ProvinceAdmin = "province_admin";
    public const string DistrictOfficer = "district_officer";
    public const string BranchOfficer = "branch_officer";
    public const string Viewer = "viewer";
    public const string Partner = "partner";

    /// <summary>A service identity (client credentials): scope-driven, never a person.</summary>
    public const string Service = "service";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { ProvinceAdmin, DistrictOfficer, BranchOfficer, Viewer, Partner, Service };
}

/// <summary>Who is calling and which subtree of the org tree they may act in. "Is X inside Y's subtree"
/// is a path-prefix test, so no service needs to call another to authorise.</summary>
public sealed class Caller
{
    private Caller(string subject, string role, string orgPath, UnitLevels level, IReadOnlySet<string> scopes)
    {
        Subject = subject;
        Role = role;
        OrgPath = orgPath;
        Level = level;
        Scopes = scopes;
    }

    public string Subject { get; }

    public string Role { get; }

    /// <summary>The caller's unit path without slashes at either end; empty for the root and for no org.</summary>
    public string OrgPath { get; }

    public UnitLevels Level { get; }

    public IReadOnlySet<string> Scopes { get; }

    /// <summary>The subtree a list covers for this caller: their unit's path, or null for the whole tree.</summary>
    public string? Subtree => Level == UnitLevels.Root ? null : OrgPath;

    public static Caller From(ServerCallContext context) => From(context.GetHttpContext().User);

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirst(CallerClaims.Role)?.Value ?? string.Empty;
        var org = user.FindFirst(CallerClaims.Org)?.Value ?? string.Empty;
        var subject = user.FindFirst(CallerClaims.Subject)?.Value ?? string.Empty;
        var scopes = user.FindAll(CallerClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        var path = org.Trim('/');
        return new Caller(subject, role, path, LevelOf(org, path), scopes);
    }

    /// <summary>This person as a service acting for them presents them (<see cref="OnBehalfOf"/>): their role, unit and
    /// rights, and a subject naming both, so an audit trail says who asked and who carried it.</summary>
    public Caller ActingThrough(Caller service) => new($"{Subject} via {service.Subject}", Role, OrgPath, Level, Scopes);

    /// <summary>True when a row of the permission table grants <paramref name="permission"/> to this caller.</summary>
    public bool Can(Permission permission) => Permissions.Allows(Role, Level, Scopes, permission);

    /// <summary>Refuses, with PermissionDenied, anything the permission table does not grant.</summary>
    public void EnsureCan(Permission permission)
    {
        if (!Can(permission))
        {
            throw new AccessDeniedException($"Role '{Role}' at this level may not {permission}.", AccessDeniedException.NotPermitted);
        }
    }

    /// <summary>True when <paramref name="unitPath"/> is the caller's unit or below it.</summary>
    public bool CanSee(string unitPath) => Level switch
    {
        UnitLevels.Root => true,
        UnitLevels.NoOrg => false,
        _ => Security.OrgPath.IsWithin(unitPath, OrgPath),
    };

    /// <summary>True for the caller's subtree and the units above the caller's own: its path names them anyway,
    /// and navigating the tree needs them.</summary>
    public bool CanLocate(string unitPath) => CanSee(unitPath) || (Level != UnitLevels.NoOrg && Security.OrgPath.IsWithin(OrgPath, unitPath));

    public void EnsureCanSee(string unitPath)
    {
        if (!CanSee(unitPath))
        {
            throw new AccessDeniedException($"Org unit '{unitPath}' is outside the caller's scope '{OrgPath}'.");
        }
    }

    /// <summary>The subtree test of <see cref="Security.OrgPath.IsWithin"/>, for the modules that still call it here.</summary>
    public static bool IsWithin(string path, string ancestorPath) => Security.OrgPath.IsWithin(path, ancestorPath);

    private static UnitLevels LevelOf(string org, string path)
    {
        if (org.Length == 0)
        {
            return UnitLevels.NoOrg;
        }

        // "/" names the whole tree; otherwise the number of segments is the depth of the unit.
        return path.Length == 0 ? UnitLevels.Root : path.Count(c => c == '/') switch
        {
            0 => UnitLevels.Province,
            1 => UnitLevels.District,
            2 => UnitLevels.Commune,
            _ => UnitLevels.Branch,
        };
    }
}
