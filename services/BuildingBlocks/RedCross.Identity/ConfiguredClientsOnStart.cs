using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcPermissions = OpenIddict.Abstractions.OpenIddictConstants.Permissions;

namespace RedCross.Identity;

/// <summary>The clients a deployment is configured with, made (or brought up to date) at every start of the identity:
/// <list type="bullet">
/// <item>`rc`, always: a public client for the device authorization grant (`rc login --server`), no secret.</item>
/// <item>one service identity per host of a microservices deployment, from `Identity:ServiceClients:&lt;service&gt;:Secret`
/// (a mounted secret, 16 characters at least) and `:Scopes` (space-separated, default `events.read`); client id
/// `service-&lt;service&gt;`, which that host sets as `Auth:ClientId` with the same secret.</item>
/// <item>browser applications (the web console, a test's page), from `Identity:Apps:&lt;client id&gt;:RedirectUris`: public
/// clients of the authorization-code flow with PKCE, allowed only those redirect URIs.</item>
/// </list>
/// A client revoked by an admin stays revoked: configuration does not bring it back.</summary>
internal sealed class ConfiguredClientsOnStart(IServiceProvider services, IConfiguration config, TimeProvider time, ILogger<ConfiguredClientsOnStart> logger) : IHostedService
{
    public const string CliClientId = "rc";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await EnsureAsync(db, applications, CliClientId, "app", [], PublicClient(CliClientId,
            OidcPermissions.Endpoints.DeviceAuthorization, OidcPermissions.Endpoints.Token, OidcPermissions.GrantTypes.DeviceCode, OidcPermissions.GrantTypes.RefreshToken), cancellationToken);

        foreach (var service in config.GetSection("Identity:ServiceClients").GetChildren())
        {
            var id = "service-" + service.Key.ToLowerInvariant();
            var secret = service["Secret"] is { Length: >= 16 } s
                ? s
                : throw new InvalidOperationException($"Identity:ServiceClients:{service.Key}:Secret must be set (16 characters at least).");
            var scopes = (service["Scopes"] is { Length: > 0 } listed ? listed : ServiceDefaults.Security.Scopes.EventsRead).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = id,
                ClientSecret = secret, // stored as a salted hash
                ClientType = ClientTypes.Confidential,
                DisplayName = id,
                Permissions = { OidcPermissions.Endpoints.Token, OidcPermissions.GrantTypes.ClientCredentials },
            };
            descriptor.Permissions.UnionWith(scopes.Select(s => OidcPermissions.Prefixes.Scope + s));
            await EnsureAsync(db, applications, id, Roles.Service, scopes, descriptor, cancellationToken);
        }

        foreach (var app in config.GetSection("Identity:Apps").GetChildren())
        {
            var redirects = app.GetSection("RedirectUris").Get<string[]>() ?? [];
            if (redirects.Length == 0 || redirects.Any(r => !Uri.TryCreate(r, UriKind.Absolute, out _)))
            {
                throw new InvalidOperationException($"Identity:Apps:{app.Key}:RedirectUris must list absolute URIs.");
            }

            var descriptor = PublicClient(app.Key, OidcPermissions.Endpoints.Authorization, OidcPermissions.Endpoints.Token,
                OidcPermissions.GrantTypes.AuthorizationCode, OidcPermissions.GrantTypes.RefreshToken, OidcPermissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(redirects.Select(r => new Uri(r)));
            await EnsureAsync(db, applications, app.Key, "app", [], descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A client people sign in through: no secret (it runs where anyone can read it), its tokens name the person.</summary>
    private static OpenIddictApplicationDescriptor PublicClient(string id, params string[] permissions)
    {
        var descriptor = new OpenIddictApplicationDescriptor { ClientId = id, ClientType = ClientTypes.Public, DisplayName = id };
        descriptor.Permissions.UnionWith(permissions);
        descriptor.Permissions.UnionWith(PeopleScopes.Select(s => OidcPermissions.Prefixes.Scope + s));
        return descriptor;
    }

    private static IEnumerable<string> PeopleScopes => Accounts.PersonPrincipal.AllowedScopes;

    private async Task EnsureAsync(IdentityDb db, IOpenIddictApplicationManager applications, string id, string role, string[] scopes, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var record = await db.Clients.SingleOrDefaultAsync(c => c.Name == id, ct);
        if (record?.RevokedAt is not null)
        {
            logger.LogWarning("Client {Client} was revoked; its configuration is ignored.", id);
            return;
        }

        if (record is null)
        {
            db.Clients.Add(new ClientRecord
            {
                Name = id,
                ClientId = id,
                Role = role,
                OrgPath = string.Empty,
                Scopes = string.Join(' ', scopes),
                CreatedAt = time.GetUtcNow(),
                CreatedBy = "configuration",
            });
        }
        else
        {
            record.Scopes = string.Join(' ', scopes);
        }

        await db.SaveChangesAsync(ct);
        if (await applications.FindByClientIdAsync(id, ct) is { } application)
        {
            await applications.UpdateAsync(application, descriptor, ct);
        }
        else
        {
            await applications.CreateAsync(descriptor, ct);
        }

        await transaction.CommitAsync(ct);
    }
}
