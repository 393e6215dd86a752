using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Identity;

/// <summary>The platform's token authority (OpenIddict), embedded in the monolith and hosted alone in microservices
/// mode: `/connect/token` with the client-credentials grant, the discovery document and the published keys
/// (`/.well-known/openid-configuration`, `/.well-known/jwks`), and the Clients gRPC service. Tokens are JWTs signed
/// with ES256 by <see cref="IdentityKeys"/> alone (made in the data folder on first start), issuer `Auth:Issuer`,
/// audience `redcross`; other hosts validate them from the published keys. With `Auth:Authority` set an external
/// authority issues tokens, and this block adds nothing.</summary>
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

        var keys = IdentityKeys.OpenOrCreate(AuthenticationSetup.KeysFolder(builder.Configuration), builder.Configuration["Auth:Issuer"]!);
        builder.Services.Replace(ServiceDescriptor.Singleton(keys));
        builder.AddModuleDatabase<IdentityDb>("identity");
        builder.Services.AddHostedService<ServiceClientsOnStart>();
        builder.Services.AddSingleton<EmbeddedIdentityMarker>();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(keys.Issuer));
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.SetConfigurationEndpointUris(".well-known/openid-configuration");
                o.SetJsonWebKeySetEndpointUris(".well-known/jwks");
                o.AllowClientCredentialsFlow();
                o.RegisterScopes([.. ClientRules.KnownScopes]);
                o.SetAccessTokenLifetime(TokenLifetime);
                // Newest first: OpenIddict signs with the first and publishes them all, so a token signed with the
                // previous key still validates until it expires. The encryption key is never used (access tokens are
                // plain JWTs, no other token is issued), but OpenIddict insists on one.
                o.AddSigningKeys(keys.Keys);
                o.AddEphemeralEncryptionKey();
                o.DisableAccessTokenEncryption();
                // Tokens are short-lived JWTs checked by signature; storing each would cost a write per request.
                o.DisableTokenStorage();
                o.DisableAuthorizationStorage();
                o.AddEventHandler(TokenIssuance.Descriptor);
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
