using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>The permission table, row by row, against the one docs/roles.md publishes.</summary>
public sealed partial class PermissionsTests
{
    private static readonly Dictionary<UnitLevels, string?> OrgAt = new()
    {
        [UnitLevels.Root] = "/",
        [UnitLevels.Province] = "06",
        [UnitLevels.District] = "06/058",
        [UnitLevels.Commune] = "06/058/01834",
        [UnitLevels.Branch] = "06/058/01834/CH03",
        [UnitLevels.NoOrg] = null,
    };

    private static readonly string[] TableScopes = [.. Permissions.Table.Select(r => r.Scope).OfType<string>().Distinct()];

    /// <summary>No scope, each scope the table uses alone, and all of them (the last).</summary>
    private static readonly string[][] ScopeSets = [[], .. TableScopes.Select(s => new[] { s }), TableScopes];

    public static TheoryData<string, Permission, UnitLevels, string?> Rows()
    {
        var rows = new TheoryData<string, Permission, UnitLevels, string?>();
        foreach (var r in Permissions.Table)
        {
            rows.Add(r.Role, r.Permission, r.Levels, r.Scope);
        }

        return rows;
    }

    [Fact]
    public void Docs_roles_md_publishes_exactly_the_table_in_code()
    {
        var documented = Documented();
        Assert.Equal(84, documented.Count);
        Assert.Equal(documented.OrderBy(Key), Permissions.Table.OrderBy(Key));
    }

    [Fact]
    public void No_role_holds_one_action_through_two_rows() =>
        Assert.Equal(Permissions.Table.Count, Permissions.Table.DistinctBy(r => (r.Role, r.Permission)).Count());

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_grants_its_action_at_each_of_its_levels_with_its_scope(string role, Permission permission, UnitLevels levels, string? scope)
    {
        var row = new PermissionRow(role, permission, levels, scope);
        foreach (var level in LevelsOf(row.Levels))
        {
            Assert.True(CallerAt(row.Role, level, row.Scope is null ? [] : [row.Scope]).Can(row.Permission), $"{row} at {level}");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Outside_its_levels_or_without_its_scope_a_row_grants_nothing(string role, Permission permission, UnitLevels levels, string? scope)
    {
        var row = new PermissionRow(role, permission, levels, scope);
        foreach (var level in LevelsOf(~row.Levels))
        {
            Assert.False(CallerAt(row.Role, level, [.. ScopeSets[^1]]).Can(row.Permission), $"{row} at {level}");
        }

        if (row.Scope is not null)
        {
            foreach (var level in LevelsOf(row.Levels))
            {
                Assert.False(CallerAt(row.Role, level, []).Can(row.Permission), $"{row} without {row.Scope}");
            }
        }
    }

    /// <summary>Every role (and unknown ones), action, level and scope set: allowed exactly when a row says so.</summary>
    [Fact]
    public void A_combination_without_a_row_is_denied()
    {
        var denied = 0;
        foreach (var role in Roles.All.Append("superuser").Append(string.Empty).Append("PROVINCE_ADMIN"))
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                foreach (var level in OrgAt.Keys)
                {
                    foreach (var scopes in ScopeSets)
                    {
                        var granted = Documented().Any(r => r.Role == role && r.Permission == permission && r.Levels.HasFlag(level)
                            && (r.Scope is null || scopes.Contains(r.Scope)));
                        Assert.Equal(granted, CallerAt(role, level, scopes).Can(permission));
                        denied += granted ? 0 : 1;
                    }
                }
            }
        }

        Assert.True(denied > 0);
    }

    [Fact]
    public void A_province_admin_below_the_province_and_an_unknown_role_get_nothing()
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.False(CallerAt(Roles.ProvinceAdmin, UnitLevels.District, []).Can(permission));
            Assert.False(CallerAt("superuser", UnitLevels.Root, ScopeSets[^1]).Can(permission));
        }
    }

    private static Caller CallerAt(string role, UnitLevels level, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(CallerClaims.Subject, "s"), new(CallerClaims.Role, role) };
        if (OrgAt[level] is { } org)
        {
            claims.Add(new Claim(CallerClaims.Org, org));
        }

        claims.AddRange(scopes.Select(s => new Claim(CallerClaims.Scope, s)));
        var caller = Caller.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        Assert.Equal(level, caller.Level);
        return caller;
    }

    private static IEnumerable<UnitLevels> LevelsOf(UnitLevels levels) => OrgAt.Keys.Where(l => levels.HasFlag(l));

    private static string Key(PermissionRow r) => $"{r.Role}|{r.Permission}|{r.Levels}|{r.Scope}";

    /// <summary>The rows of the "Permission table" section of docs/roles.md.</summary>
    private static List<PermissionRow> Documented()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "docs", "roles.md"));
        var section = text[text.IndexOf("## Permission table", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        return [.. DocRow().Matches(section).Select(m => new PermissionRow(
            m.Groups["role"].Value,
            Enum.Parse<Permission>(Pascal(m.Groups["action"].Value)),
            m.Groups["levels"].Value.Split(',').Select(l => Enum.Parse<UnitLevels>(Pascal(l))).Aggregate((a, b) => a | b),
            m.Groups["scope"].Value is { Length: > 0 } scope ? scope : null))];
    }

    private static string Pascal(string words) =>
        string.Concat(words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w)));

    [GeneratedRegex(@"^\| (?<role>[a-z_]+) \| (?<action>[a-z ]+) \| (?<levels>[a-z, ]+) \| (?<scope>[a-z.]*) ?\|$", RegexOptions.Multiline)]
    private static partial Regex DocRow();
}
