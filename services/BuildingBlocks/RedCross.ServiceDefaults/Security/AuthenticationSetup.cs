using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
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
        var keyFile = config["Auth:SigningKeyFile"] is { Length: > 0 } k ? k : LocalTokens.KeyFile(DataDirectory.Resolve(config));

        var localKey = string.IsNullOrWhiteSpace(authority) ? LocalTokens.LoadOrCreateKey(keyFile) : null;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ServiceIdentity(serviceName, localKey, sp.GetRequiredService<TimeProvider>()));
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
}
