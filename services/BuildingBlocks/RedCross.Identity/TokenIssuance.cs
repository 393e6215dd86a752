using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace RedCross.Identity;

/// <summary>Answers a client-credentials request OpenIddict has already authenticated (client id, hashed
/// secret, grant and scope permissions): the token carries the platform's claims from the client's record.
/// The record is read again here, so a revoked client is refused even if OpenIddict still knew it.</summary>
internal sealed class TokenIssuance(IdentityDb db) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>().UseScopedHandler<TokenIssuance>().Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == context.Request.ClientId, context.CancellationToken);
        if (client is null || client.RevokedAt is not null)
        {
            context.Reject(Errors.InvalidClient, "The client is unknown or revoked.");
            return;
        }

        // No scope asked: every scope the client holds. Asked: OpenIddict has checked they are all held.
        var requested = context.Request.GetScopes();
        var scopes = requested.IsEmpty ? client.ScopeList : [.. requested];

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, CallerClaims.Name, CallerClaims.Role);
        identity.SetClaim(CallerClaims.Subject, client.ClientId)
            .SetClaim(CallerClaims.Name, client.Name)
            .SetClaim(CallerClaims.Role, client.Role)
            .SetClaim(CallerClaims.Org, client.OrgPath);
        identity.SetScopes(scopes);
        identity.SetResources(IdentityKeys.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
    }
}
