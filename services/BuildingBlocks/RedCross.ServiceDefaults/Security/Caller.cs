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

/// <summary>The roles a token can carry.</summary>
public static class Roles
{
    public const string ProvinceAdmin = "province_admin";
    public const string DistrictOfficer = "district_officer";
    public const string BranchOfficer = "branch_officer";
    public const string Viewer = "viewer";
    public const string Partner = "partner";
    public const string Service = "service";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { ProvinceAdmin, DistrictOfficer, BranchOfficer, Viewer, Partner, Service };
}

/// <summary>Scopes of partner and service tokens.</summary>
public static class Scopes
{
    public const string EventsRead = "events.read";
}

/// <summary>Who is calling and which subtree of the org tree they may act in. "Is X inside Y's subtree"
/// is a path-prefix test, so no service needs to call another to authorise.</summary>
public sealed class Caller
{
    private Caller(string subject, string role, string orgPath, IReadOnlySet<string> scopes)
    {
        Subject = subject;
        Role = role;
        OrgPath = orgPath;
        Scopes = scopes;
    }

    public string Subject { get; }

    public string Role { get; }

    public string OrgPath { get; }

    public IReadOnlySet<string> Scopes { get; }

    public bool IsPartner => Role == Roles.Partner;

    public static Caller From(ServerCallContext context) => From(context.GetHttpContext().User);

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirst(CallerClaims.Role)?.Value ?? string.Empty;
        var org = user.FindFirst(CallerClaims.Org)?.Value ?? string.Empty;
        var subject = user.FindFirst(CallerClaims.Subject)?.Value ?? string.Empty;
        var scopes = user.FindAll(CallerClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        return new Caller(subject, role, org.Trim('/'), scopes);
    }

    /// <summary>True when <paramref name="unitPath"/> is the caller's unit or below it.</summary>
    public bool CanSee(string unitPath) => OrgPath.Length > 0 && IsWithin(unitPath, OrgPath);

    /// <summary>Refuses a write outside the caller's subtree, or by a role that only reads.</summary>
    public void EnsureCanWrite(string unitPath, string scope)
    {
        var writer = Role is Roles.ProvinceAdmin or Roles.DistrictOfficer or Roles.BranchOfficer
            || (Role == Roles.Partner && Scopes.Contains(scope));
        if (!writer)
        {
            throw new AccessDeniedException($"Role '{Role}' may not write ({scope}).");
        }

        EnsureCanSee(unitPath);
    }

    public void EnsureCanSee(string unitPath)
    {
        if (!CanSee(unitPath))
        {
            throw new AccessDeniedException($"Org unit '{unitPath}' is outside the caller's scope '{OrgPath}'.");
        }
    }

    /// <summary>An event log holds the whole deployment's events: only service identities with
    /// <c>events.read</c> and admins of the whole province (org path of one segment) read it.</summary>
    public void EnsureCanReadEventLog()
    {
        var service = Role == Roles.Service && Scopes.Contains(Security.Scopes.EventsRead);
        if (!service && !IsProvinceAdmin)
        {
            throw new AccessDeniedException("Only service identities with events.read and province admins read event logs.");
        }
    }

    /// <summary>A province admin whose unit is the province (or the root), not a district below it.</summary>
    public bool IsProvinceAdmin => Role == Roles.ProvinceAdmin && OrgPath.Length > 0 && !OrgPath.Contains('/', StringComparison.Ordinal);

    /// <summary>Operations on a whole deployment (rebuilds, outboxes): province-level admins only.</summary>
    public void EnsureProvinceAdmin()
    {
        if (!IsProvinceAdmin)
        {
            throw new AccessDeniedException("Only a province admin acting for the whole province may do this.");
        }
    }

    public void EnsureRole(string role)
    {
        if (Role != role)
        {
            throw new AccessDeniedException($"Only '{role}' may do this.");
        }
    }

    /// <summary>Path-prefix test on whole segments: "06/058/01834" is within "06/058", "06/0581" is not.</summary>
    public static bool IsWithin(string path, string ancestorPath) =>
        path == ancestorPath || path.StartsWith(ancestorPath + "/", StringComparison.Ordinal);
}
