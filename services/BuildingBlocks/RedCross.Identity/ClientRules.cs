using System.Text.RegularExpressions;
using RedCross.Contracts.Identity.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Identity;

/// <summary>What a client registration must look like: a name, a role for parties that are not people,
/// a unit path and the platform's scopes. Every violation is reported at once, by field.</summary>
internal static partial class ClientRules
{
    /// <summary>The scopes a client may hold: every scope a row of <see cref="Permissions.Table"/> names (a test keeps the two
    /// equal), so no grant is out of a client's reach and no scope is granted that grants nothing.</summary>
    public static readonly IReadOnlyList<string> KnownScopes =
        [Scopes.MembershipRead, Scopes.MembershipWrite, Scopes.EventsRead, Scopes.ReliefRead, Scopes.ReliefWrite, Scopes.CampaignRead,
         Scopes.CampaignWrite, Scopes.ReportsRead];

    private static readonly IReadOnlySet<string> ClientRoles = new HashSet<string> { Roles.Partner, Roles.Service };

    /// <summary>The validated registration: <see cref="OrgPath"/> is "/" for the whole tree.</summary>
    public sealed record Registration(string Name, string Role, string OrgPath, IReadOnlyList<string> Scopes);

    public static Registration Validate(CreateClientRequest request)
    {
        var input = new Input();
        var name = request.Name.Trim();
        if (!NamePattern().IsMatch(name))
        {
            input.Fail("name", "must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        var role = request.Role.Trim().ToLowerInvariant();
        if (!ClientRoles.Contains(role))
        {
            input.Fail("role", "must be one of " + string.Join(", ", ClientRoles));
        }

        var orgPath = OrgPath(input, request.OrgPath);
        var scopes = request.Scopes.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            input.Fail("scopes", "at least one is required: " + string.Join(", ", KnownScopes));
        }

        foreach (var unknown in scopes.Where(s => !KnownScopes.Contains(s)))
        {
            input.Fail("scopes", $"'{unknown}' is not one of " + string.Join(", ", KnownScopes));
        }

        input.ThrowIfInvalid();
        return new Registration(name, role, orgPath!, scopes);
    }

    /// <summary>"/" names the whole tree; otherwise unit codes joined by "/", outer slashes ignored.</summary>
    internal static string? OrgPath(Input input, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            input.Fail("org_path", "is required: a unit path such as 06/058, or / for the whole tree");
            return null;
        }

        var path = trimmed.Trim('/');
        if (path.Length == 0)
        {
            return "/";
        }

        if (!PathPattern().IsMatch(path))
        {
            input.Fail("org_path", "must be unit codes (letters, digits, '_' or '-') separated by '/'");
            return null;
        }

        return path;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}(/[A-Za-z0-9_-]{1,32}){0,9}$")]
    private static partial Regex PathPattern();
}
