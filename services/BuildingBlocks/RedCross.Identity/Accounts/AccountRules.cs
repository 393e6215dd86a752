using System.Text.RegularExpressions;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Identity.Accounts;

/// <summary>What an account must look like: a sign-in name, a name shown, a role for people at a level its rows of
/// the permission table name, a unit path and a password long enough. Every violation is reported at once, by field.</summary>
internal static partial class AccountRules
{
    /// <summary>People's roles; partners and services are clients, never accounts.</summary>
    public static readonly IReadOnlySet<string> PeopleRoles = new HashSet<string> { Roles.ProvinceAdmin, Roles.DistrictOfficer, Roles.BranchOfficer, Roles.Viewer };

    public sealed record NewAccount(string Username, string DisplayName, string Role, string OrgPath, string Password);

    public static NewAccount Validate(string username, string displayName, string role, string orgPath, string password, string passwordField = "password")
    {
        var input = new Input();
        var name = Username(input, username);
        var shown = input.Text("display_name", displayName?.Normalize(), 200);
        var normalisedRole = role.Trim().ToLowerInvariant();
        if (!PeopleRoles.Contains(normalisedRole))
        {
            input.Fail("role", "must be one of " + string.Join(", ", PeopleRoles.Order()));
        }

        var path = ClientRules.OrgPath(input, orgPath);
        // A province admin acts for a province or the whole tree; at a district it would match no row at all.
        if (normalisedRole == Roles.ProvinceAdmin && path is not null && path != "/" && path.Contains('/', StringComparison.Ordinal))
        {
            input.Fail("org_path", "a province admin acts for a province (one code, e.g. 06) or / for the whole tree");
        }

        Password(input, passwordField, password);
        input.ThrowIfInvalid();
        return new NewAccount(name!, shown!, normalisedRole, path!, password);
    }

    public static string? Username(Input input, string value)
    {
        var name = value.Trim();
        if (!UsernamePattern().IsMatch(name))
        {
            input.Fail("username", "must be 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
            return null;
        }

        return name;
    }

    public static void Password(Input input, string field, string value)
    {
        if (value.Length < SignInRules.MinPasswordLength)
        {
            input.Fail(field, $"must be at least {SignInRules.MinPasswordLength} characters");
        }
        else if (value.Length > 256)
        {
            input.Fail(field, "must be at most 256 characters");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9._-]{2,63}$")]
    private static partial Regex UsernamePattern();
}
