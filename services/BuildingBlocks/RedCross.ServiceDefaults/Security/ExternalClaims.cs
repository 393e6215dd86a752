using System.Security.Claims;
using Microsoft.Extensions.Configuration;

namespace RedCross.ServiceDefaults.Security;

/// <summary>An external authority's tokens (a ministry's Keycloak) name a person's role and unit in claims of its own:
/// `Auth:Claims:Subject|Name|Role|Org` give the claim each platform claim is read from, and `Auth:Roles:&lt;value&gt;` turns
/// an authority's role value into a platform role (`Auth:Roles:can-bo-huyen=district_officer`). A token that already
/// carries the platform's claim keeps it; with no setting nothing changes.</summary>
internal sealed class ExternalClaims
{
    private readonly (string Platform, string Source)[] sources;
    private readonly IReadOnlyDictionary<string, string> roles;

    public ExternalClaims(IConfiguration config)
    {
        sources =
        [
            .. new[] { CallerClaims.Subject, CallerClaims.Name, CallerClaims.Role, CallerClaims.Org }
                .Select(platform => (platform, source: config[$"Auth:Claims:{Pascal(platform)}"]))
                .Where(p => p.source is { Length: > 0 } && p.source != p.platform)
                .Select(p => (p.platform, p.source!)),
        ];
        roles = config.GetSection("Auth:Roles").GetChildren().Where(c => c.Value is { Length: > 0 }).ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
    }

    public bool Any => sources.Length > 0 || roles.Count > 0;

    /// <summary>Adds the platform's claims read from the authority's, to the validated identity.</summary>
    public void Apply(ClaimsIdentity identity)
    {
        foreach (var (platform, source) in sources.Where(s => !identity.HasClaim(c => c.Type == s.Platform)))
        {
            foreach (var value in identity.FindAll(source).Select(c => c.Value).ToList())
            {
                identity.AddClaim(new Claim(platform, value));
            }
        }

        // The first role the platform knows, mapped or as it is; an unknown one stays unknown (and gets nothing).
        var mapped = identity.FindAll(CallerClaims.Role).Select(c => roles.TryGetValue(c.Value, out var r) ? r : c.Value).FirstOrDefault(Roles.All.Contains);
        if (mapped is not null && identity.FindFirst(CallerClaims.Role) is { } first && first.Value != mapped)
        {
            foreach (var old in identity.FindAll(CallerClaims.Role).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(CallerClaims.Role, mapped));
        }
    }

    private static string Pascal(string claim) => claim switch
    {
        CallerClaims.Subject => "Subject",
        CallerClaims.Name => "Name",
        CallerClaims.Role => "Role",
        _ => "Org",
    };
}
