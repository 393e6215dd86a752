using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace RedCross.ServiceDefaults.Security;

/// <summary>Every host validates bearer tokens itself; no service trusts the network.
/// `Auth:Authority` (+ `Auth:Audience`) switches to an OIDC authority such as Keycloak; otherwise the
/// HS256 key at `Auth:SigningKeyFile` (default: signing.key in the data folder, created on first start).</summary>
public static class AuthenticationSetup
{
    public static void AddPlatformAuthentication(this WebApplicationBuilder builder, string serviceName)
    {
        var config = builder.Configuration;
        var authority = config["Auth:Authority"];
        var audience = config["Auth:Audience"] is { Length: > 0 } a ? a : LocalTokens.Audience;

        var localKey = IsEmbedded(config) ? LocalTokens.LoadOrCreateKey(LocalKeyFile(config)) : null;
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (localKey is not null)
        {
            builder.Services.AddSingleton(sp => ServiceIdentity.Local(serviceName, localKey, sp.GetRequiredService<TimeProvider>(), ServiceIdentityScopes.Of(sp)));
        }
        else
        {
            builder.Services.AddHttpClient(ClientCredentialsGrant.HttpClientName);
            builder.Services.AddSingleton(sp => ServiceIdentity.FromAuthority(serviceName, ClientCredentialsGrant.Create(sp, config), sp.GetRequiredService<TimeProvider>(), ServiceIdentityScopes.Of(sp)));
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = audience,
                NameClaimType = CallerClaims.Name,
                RoleClaimType = CallerClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrWhiteSpace(authority))
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = !authority.StartsWith("http://", StringComparison.Ordinal);
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = LocalTokens.Issuer;
                o.TokenValidationParameters.IssuerSigningKey = LocalTokens.SecurityKey(localKey!);
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>True when this deployment is its own token authority (no `Auth:Authority`).</summary>
    public static bool IsEmbedded(IConfiguration config) => string.IsNullOrWhiteSpace(config["Auth:Authority"]);

    /// <summary>The embedded deployment's HS256 key file: `Auth:SigningKeyFile`, else signing.key in the data folder.</summary>
    public static string LocalKeyFile(IConfiguration config) =>
        config["Auth:SigningKeyFile"] is { Length: > 0 } k ? k : LocalTokens.KeyFile(DataDirectory.Resolve(config));
}
