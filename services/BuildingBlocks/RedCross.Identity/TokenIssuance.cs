using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using RedCross.Identity.Accounts;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace RedCross.Identity;

/// <summary>Answers a token request OpenIddict has already authenticated. Client credentials: the token carries the
/// platform's claims from the client's record, read again here, so a revoked client is refused even if OpenIddict
/// still knew it. A person's code, device code or refresh token: the account is read again, so a disabled or locked
/// account gets nothing, and the claims are the account's as they are now; a refresh is recorded in the sign-in trail.</summary>
internal sealed class TokenIssuance(IdentityDb db, TimeProvider time) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>().UseScopedHandler<TokenIssuance>().Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            await IssueForPersonAsync(context);
            return;
        }

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

    private async Task IssueForPersonAsync(HandleTokenRequestContext context)
    {
        var subject = context.Principal?.GetClaim(CallerClaims.Subject);
        var account = subject is null ? null : await db.Accounts.SingleOrDefaultAsync(a => a.Subject == subject, context.CancellationToken);
        var outcome = SignInRules.MayContinue(account, time.GetUtcNow());
        if (context.Request.IsRefreshTokenGrantType() && account is not null)
        {
            db.SignIns.Add(new SignInRecord { Username = account.Username, At = time.GetUtcNow(), Method = "refresh", Outcome = outcome, ClientId = context.Request.ClientId });
            await db.SaveChangesAsync(context.CancellationToken);
        }

        if (outcome != SignInRules.Ok)
        {
            context.Reject(Errors.InvalidGrant, "The account is disabled, locked or gone: sign in again.");
            return;
        }

        context.SignIn(PersonPrincipal.For(account!, context.Principal!.GetScopes()));
    }
}
