using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RedCross.Identity.Accounts;

/// <summary>The principal a person's tokens carry: the account's subject, name, role and unit, read from the account
/// at every sign-in and refresh, so a changed or disabled account is what the next token says.</summary>
internal static class PersonPrincipal
{
    /// <summary>The scopes a person's sign-in may ask for: none grants anything (people act by role), `offline_access`
    /// brings a refresh token.</summary>
    public static readonly IReadOnlyList<string> AllowedScopes = [OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.OfflineAccess];

    public static ClaimsPrincipal For(Account account, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, CallerClaims.Name, CallerClaims.Role);
        identity.SetClaim(CallerClaims.Subject, account.Subject)
            .SetClaim(CallerClaims.Name, account.DisplayName)
            .SetClaim(CallerClaims.Role, account.Role)
            .SetClaim(CallerClaims.Org, account.OrgPath)
            .SetClaim(Claims.PreferredUsername, account.Username);
        identity.SetScopes(requestedScopes.Intersect(AllowedScopes));
        identity.SetResources(IdentityKeys.Audience);
        // The identity token carries who the person is to the app they signed in to (the web console shows the name
        // and unit from it); the API only ever reads the access token.
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }
}
