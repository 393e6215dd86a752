using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace RedCross.ServiceDefaults.Security;

/// <summary>Every host validates bearer tokens itself; no service trusts the network. With `Auth:Authority` (the
/// identity host in microservices mode, or an OIDC authority such as Keycloak) a host validates from the authority's
/// published keys (JWKS) and holds no key that can sign. Without it the host is the embedded deployment: it validates
/// with the public half of <see cref="IdentityKeys"/> in its data folder, which only the identity module makes.</summary>
public static class AuthenticationSetup
{
    public static void AddPlatformAuthentication(this WebApplicationBuilder builder, string serviceName, int httpPort)
    {
        var config = builder.Configuration;
        var authority = config["Auth:Authority"];
        var audience = config["Auth:Audience"] is { Length: > 0 } a ? a : IdentityKeys.Audience;
        if (string.IsNullOrWhiteSpace(config["Auth:Issuer"]))
        {
            // A fixed default from configuration (this host's own address), never the request's Host header.
            config["Auth:Issuer"] = $"http://localhost:{config.GetValue("Ports:Http", httpPort)}/";
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        var external = new ExternalClaims(config);
        builder.Services.AddSingleton(external);
        var embedded = IsEmbedded(config);
        if (embedded)
        {
            // The identity module replaces this with the keys it makes; any other host only opens what is there.
            builder.Services.TryAddSingleton(_ => IdentityKeys.Open(KeysFolder(config)));
            builder.Services.AddSingleton(sp => ServiceIdentity.Local(serviceName, sp.GetRequiredService<IdentityKeys>(), sp.GetRequiredService<TimeProvider>(), ServiceIdentityScopes.Of(sp)));
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
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
                NameClaimType = CallerClaims.Name,
                RoleClaimType = CallerClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (external.Any)
            {
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.Identity is ClaimsIdentity identity)
                        {
                            external.Apply(identity);
                        }

                        return Task.CompletedTask;
                    },
                };
            }

            if (!embedded)
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = !authority!.StartsWith("http://", StringComparison.Ordinal);
                // A host that started before the identity, or a token signed with a newly rotated key, fetches the
                // published keys again after this long rather than the default five minutes.
                o.RefreshInterval = TimeSpan.FromSeconds(20);
            }
        });
        if (embedded)
        {
            builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IdentityKeys>((o, keys) =>
            {
                o.TokenValidationParameters.ValidIssuer = keys.Issuer;
                o.TokenValidationParameters.IssuerSigningKeys = keys.Keys;
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>True when this deployment is its own token authority (no `Auth:Authority`).</summary>
    public static bool IsEmbedded(IConfiguration config) => string.IsNullOrWhiteSpace(config["Auth:Authority"]);

    /// <summary>The embedded identity's key folder: `Auth:KeysDirectory`, else keys/ in the data folder.</summary>
    public static string KeysFolder(IConfiguration config) =>
        config["Auth:KeysDirectory"] is { Length: > 0 } k ? k : IdentityKeys.DefaultFolder(DataDirectory.Resolve(config));
}
