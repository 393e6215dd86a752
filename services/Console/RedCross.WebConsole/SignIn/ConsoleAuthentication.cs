using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RedCross.ServiceDefaults.Security;

namespace RedCross.WebConsole.SignIn;

/// <summary>A person signs in at the identity (authorization code with PKCE, as a public client); the console keeps
/// the tokens in its <see cref="TokenVault"/> and gives the browser one cookie: http-only, secure, same-site, naming
/// the session and the person, never holding a token. Partners and services are clients, not people: the console
/// refuses their tokens, and it never reads a bearer token from a request.</summary>
internal static class ConsoleAuthentication
{
    public const string CookieScheme = "console";
    public const string OidcScheme = "console-oidc";
    public const string Policy = "console";
    public const string SessionClaim = "console_session";
    public const string SignOutPath = "/signout";
    public const string SignedOutPath = "/signed-out";

    public static void Add(WebApplicationBuilder builder, string publicUrl)
    {
        var config = builder.Configuration;
        var authority = AuthenticationSetup.IsEmbedded(config) ? config["Auth:Issuer"]! : config["Auth:Authority"]!;
        // Behind the gateway the discovery document names the identity as the hosts reach it (http://identity:5160),
        // which no browser can; the gateway serves its sign-in pages (/connect/*) at the public address.
        var authorizationEndpoint = ConsoleAddress.AuthorizationEndpoint(config, publicUrl);
        builder.Services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "rc-console";
                o.Cookie.HttpOnly = true;
                // Browsers treat http://localhost as secure, so the embedded console on localhost works without TLS.
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // Lax, not Strict: the identity sends the browser back with a top-level GET that must carry it.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.ForwardChallenge = OidcScheme;
                o.Events.OnValidatePrincipal = context =>
                {
                    // After a restart the vault is empty: the person signs in again (what they typed is kept in the page).
                    var vault = context.HttpContext.RequestServices.GetRequiredService<TokenVault>();
                    if (!vault.Has(context.Principal?.FindFirst(SessionClaim)?.Value))
                    {
                        context.RejectPrincipal();
                    }

                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = !authority.StartsWith("http://", StringComparison.Ordinal);
                o.ClientId = ConsoleSetup.ClientId;
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("offline_access");
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = false;
                o.SignInScheme = CookieScheme;
                o.CallbackPath = ConsoleAddress.CallbackPath;
                o.TokenValidationParameters.NameClaimType = CallerClaims.Name;
                o.TokenValidationParameters.RoleClaimType = CallerClaims.Role;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    // The registered address, never one made from the request's Host header.
                    context.ProtocolMessage.RedirectUri = publicUrl + ConsoleAddress.CallbackPath;
                    if (authorizationEndpoint is not null)
                    {
                        context.ProtocolMessage.IssuerAddress = authorizationEndpoint;
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = OnSignedInAsync;
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect(SignedOutPath + "?failed=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(SessionClaim));
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.MapPost(SignOutPath, async (HttpContext http, IAntiforgery antiforgery, TokenVault vault) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            vault.Close(http.User.FindFirst(SessionClaim)?.Value);
            await http.SignOutAsync(CookieScheme);
            return Results.Redirect(SignedOutPath);
        }).RequireAuthorization(Policy).DisableAntiforgery();
    }

    private static Task OnSignedInAsync(TokenValidatedContext context)
    {
        var role = context.Principal?.FindFirst(CallerClaims.Role)?.Value;
        if (role is null or Roles.Partner or Roles.Service || context.TokenEndpointResponse?.AccessToken is not { Length: > 0 })
        {
            context.Fail("The web console is for people's accounts; partners and services use the API.");
            return Task.CompletedTask;
        }

        var vault = context.HttpContext.RequestServices.GetRequiredService<TokenVault>();
        var session = vault.Open(context.TokenEndpointResponse);
        ((System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!).AddClaim(new(SessionClaim, session));
        return Task.CompletedTask;
    }
}
