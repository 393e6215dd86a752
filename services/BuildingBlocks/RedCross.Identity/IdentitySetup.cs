using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.Identity.Accounts;
using RedCross.Identity.Data;
using RedCross.Identity.SignIn;
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

    public const string DevicePath = "/connect/device";

    /// <summary>How long a person stays signed in without signing in again, if the refresh token is used in that time.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);

    public static WebApplicationBuilder AddEmbeddedIdentity(this WebApplicationBuilder builder)
    {
        if (!AuthenticationSetup.IsEmbedded(builder.Configuration))
        {
            return builder;
        }

        var keys = IdentityKeys.OpenOrCreate(AuthenticationSetup.KeysFolder(builder.Configuration), builder.Configuration["Auth:Issuer"]!);
        var encryption = IdentityKeys.OpenOrCreateEncryptionKey(keys.Folder);
        builder.Services.Replace(ServiceDescriptor.Singleton(keys));
        var keysFolder = AuthenticationSetup.KeysFolder(builder.Configuration);
        builder.AddModuleDatabase<IdentityDb>("identity");
        builder.Services.AddHostedService<ConfiguredClientsOnStart>();
        builder.Services.AddSingleton<SetupCode>();
        builder.Services.AddHostedService<FirstAdminSetup>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddSingleton<EmbeddedIdentityMarker>();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(keys.Issuer));
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.SetAuthorizationEndpointUris(SignInEndpoints.AuthorizePath.TrimStart('/'));
                o.SetDeviceAuthorizationEndpointUris(DevicePath.TrimStart('/'));
                o.SetEndUserVerificationEndpointUris(SignInEndpoints.VerifyPath.TrimStart('/'));
                o.SetConfigurationEndpointUris(".well-known/openid-configuration");
                o.SetJsonWebKeySetEndpointUris(".well-known/jwks");
                o.AllowClientCredentialsFlow();
                // People: browsers by authorization code with PKCE, `rc` by device authorization, both kept signed in
                // by refresh tokens that are replaced at every use (a used one is refused, and so is its successor).
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowDeviceAuthorizationFlow();
                o.AllowRefreshTokenFlow();
                o.RegisterScopes([.. ClientRules.KnownScopes, .. PersonPrincipal.AllowedScopes]);
                o.SetAccessTokenLifetime(TokenLifetime);
                o.SetRefreshTokenLifetime(RefreshTokenLifetime);
                // A refresh token is good once: a second use (a copy in a thief's hands) is refused at once, not within
                // OpenIddict's default 30-second grace for clients that lost the answer.
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                // Newest first: OpenIddict signs with the first and publishes them all, so a token signed with the
                // previous key still validates until it expires. Access tokens are plain signed JWTs; codes and refresh
                // tokens are encrypted to the identity's own key and stored, so each is used once and can be revoked.
                o.AddSigningKeys(keys.Keys);
                o.AddEncryptionKey(encryption);
                o.DisableAccessTokenEncryption();
                o.DisableAuthorizationStorage();
                o.AddEventHandler(TokenIssuance.Descriptor);
                // TLS ends at the ingress in front of the gateway; hosts listen in clear on their ports.
                o.UseAspNetCore().DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough();
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapEmbeddedIdentity(this IEndpointRouteBuilder app)
    {
        // OpenIddict answers /connect/token itself, from the authentication middleware, before authorization.
        if (app.ServiceProvider.GetService<EmbeddedIdentityMarker>() is not null)
        {
            app.MapGrpcService<ClientsService>();
            app.MapGrpcService<AccountsService>();
            SignInEndpoints.Map(app);
        }

        return app;
    }

    private sealed class EmbeddedIdentityMarker;
}
