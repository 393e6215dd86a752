using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Identity;

/// <summary>The embedded deployment's token authority for partners and services: `/connect/token` with the
/// client-credentials grant (OpenIddict), and the Clients gRPC service that registers and revokes them.
/// Tokens are plain JWTs signed with the deployment's HS256 key, issuer `redcross-local`, audience
/// `redcross`: every host validates them as it validates `rc login`'s. With `Auth:Authority` set the
/// external authority issues tokens, and this block adds nothing.</summary>
public static class IdentitySetup
{
    /// <summary>Short-lived: revoking a client stops new tokens, and the last one dies within this.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    public const string TokenPath = "/connect/token";

    public static WebApplicationBuilder AddEmbeddedIdentity(this WebApplicationBuilder builder)
    {
        if (!AuthenticationSetup.IsEmbedded(builder.Configuration))
        {
            return builder;
        }

        var key = LocalTokens.LoadOrCreateKey(AuthenticationSetup.LocalKeyFile(builder.Configuration));
        builder.AddModuleDatabase<IdentityDb>("identity");
        builder.Services.AddSingleton<EmbeddedIdentityMarker>();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.RegisterScopes([.. ClientRules.KnownScopes]);
                o.SetAccessTokenLifetime(TokenLifetime);
                // The hosts validate plain JWTs with the shared key; OpenIddict prefers a symmetric key for
                // signing. It insists on an asymmetric signing key and an encryption key as well: ephemeral
                // ones satisfy it, as this server issues no identity token and no encrypted token.
                o.AddSigningKey(LocalTokens.SecurityKey(key));
                o.AddEphemeralSigningKey();
                o.AddEphemeralEncryptionKey();
                o.DisableAccessTokenEncryption();
                // Tokens are short-lived JWTs checked by signature; storing each would cost a write per request.
                o.DisableTokenStorage();
                o.DisableAuthorizationStorage();
                o.AddEventHandler(TokenIssuance.Descriptor);
                o.AddEventHandler(LocalIssuer.Descriptor);
                // TLS ends at the ingress in front of the gateway; hosts listen in clear on their ports.
                o.UseAspNetCore().DisableTransportSecurityRequirement();
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapEmbeddedIdentity(this IEndpointRouteBuilder app)
    {
        // OpenIddict answers /connect/token itself, from the authentication middleware, before authorization.
        if (app.ServiceProvider.GetService<EmbeddedIdentityMarker>() is not null)
        {
            app.MapGrpcService<ClientsService>();
        }

        return app;
    }

    private sealed class EmbeddedIdentityMarker;
}
