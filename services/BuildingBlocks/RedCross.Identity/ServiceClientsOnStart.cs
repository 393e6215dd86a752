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

/// <summary>The service identities of a microservices deployment, one confidential client per host, from
/// `Identity:ServiceClients:&lt;service&gt;:Secret` (a mounted secret) and `:Scopes` (space-separated, default
/// `events.read`): made, or given the configured secret and scopes, at every start of the identity. The host of that
/// service sets `Auth:ClientId` = `service-&lt;service&gt;` and the same secret. A client revoked by an admin stays
/// revoked: configuration does not bring it back.</summary>
internal sealed class ServiceClientsOnStart(IServiceProvider services, IConfiguration config, TimeProvider time, ILogger<ServiceClientsOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = config.GetSection("Identity:ServiceClients").GetChildren().ToList();
        if (configured.Count == 0)
        {
            return;
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var service in configured)
        {
            var id = "service-" + service.Key.ToLowerInvariant();
            var secret = service["Secret"] is { Length: >= 16 } s
                ? s
                : throw new InvalidOperationException($"Identity:ServiceClients:{service.Key}:Secret must be set (16 characters at least).");
            var scopes = (service["Scopes"] is { Length: > 0 } listed ? listed : ServiceDefaults.Security.Scopes.EventsRead).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            await EnsureAsync(db, applications, id, secret, scopes, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(IdentityDb db, IOpenIddictApplicationManager applications, string id, string secret, string[] scopes, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var record = await db.Clients.SingleOrDefaultAsync(c => c.Name == id, ct);
        if (record?.RevokedAt is not null)
        {
            logger.LogWarning("Service client {Client} was revoked; its configured secret is ignored.", id);
            return;
        }

        if (record is null)
        {
            db.Clients.Add(new ClientRecord
            {
                Name = id,
                ClientId = id,
                Role = Roles.Service,
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
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = id,
            ClientSecret = secret, // stored as a salted hash
            ClientType = ClientTypes.Confidential,
            DisplayName = id,
            Permissions = { OidcPermissions.Endpoints.Token, OidcPermissions.GrantTypes.ClientCredentials },
        };
        descriptor.Permissions.UnionWith(scopes.Select(s => OidcPermissions.Prefixes.Scope + s));
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
