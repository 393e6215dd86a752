using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using RedCross.Contracts.Identity.V1;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcPermissions = OpenIddict.Abstractions.OpenIddictConstants.Permissions;

namespace RedCross.Identity;

/// <summary>Registers, lists and revokes OAuth clients: province admins only, each within its subtree.
/// OpenIddict's application holds the id and the hashed secret; <see cref="ClientRecord"/> the claims.</summary>
internal sealed class ClientsService(IdentityDb db, IOpenIddictApplicationManager applications, TimeProvider time) : Clients.ClientsBase
{
    public override async Task<CreateClientResponse> CreateClient(CreateClientRequest request, ServerCallContext context)
    {
        var caller = Authorised(context);
        var registration = ClientRules.Validate(request);
        caller.EnsureCanSee(registration.OrgPath == "/" ? string.Empty : registration.OrgPath);
        var ct = context.CancellationToken;
        if (await db.Clients.AnyAsync(c => c.Name == registration.Name, ct))
        {
            throw new ResourceConflictException("name", $"A client named '{registration.Name}' exists already (names of revoked clients are not reused).");
        }

        var record = new ClientRecord
        {
            Name = registration.Name,
            ClientId = Guid.CreateVersion7().ToString(),
            Role = registration.Role,
            OrgPath = registration.OrgPath,
            Scopes = string.Join(' ', registration.Scopes),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = caller.Subject,
        };
        var secret = Base64UrlSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = record.ClientId,
            ClientSecret = secret, // OpenIddict stores a salted PBKDF2 hash, never this value
            ClientType = ClientTypes.Confidential,
            DisplayName = record.Name,
            Permissions = { OidcPermissions.Endpoints.Token, OidcPermissions.GrantTypes.ClientCredentials },
        };
        descriptor.Permissions.UnionWith(registration.Scopes.Select(s => OidcPermissions.Prefixes.Scope + s));

        // One transaction: a unique-name race or a failed hash leaves neither row behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Clients.Add(record);
        await db.SaveChangesAsync(ct);
        await applications.CreateAsync(descriptor, ct);
        await transaction.CommitAsync(ct);
        return new CreateClientResponse { Client = ToProto(record), ClientSecret = secret };
    }

    public override async Task<ListClientsResponse> ListClients(ListClientsRequest request, ServerCallContext context)
    {
        var caller = Authorised(context);
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = input.PageToken(request.PageToken);
        input.ThrowIfInvalid();

        var query = OrgPath.Within(db.Clients.AsNoTracking(), c => c.OrgPath, caller.Subtree);

        if (after is not null)
        {
            query = query.Where(c => string.Compare(c.Name, after) > 0);
        }

        var page = await query.OrderBy(c => c.Name).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListClientsResponse { Clients = { page.Take(pageSize).Select(ToProto) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Input.EncodePageToken(page[pageSize - 1].Name);
        }

        return response;
    }

    public override async Task<Client> RevokeClient(RevokeClientRequest request, ServerCallContext context)
    {
        var caller = Authorised(context);
        var name = new Input().Text("name", request.Name, 64) ?? throw new ValidationFailedException("name", "is required");
        var ct = context.CancellationToken;
        var record = await db.Clients.SingleOrDefaultAsync(c => c.Name == name, ct);
        // A client outside the caller's subtree is reported as absent: its existence is not the caller's business.
        if (record is null || !caller.CanSee(record.OrgPath == "/" ? string.Empty : record.OrgPath))
        {
            throw new ResourceNotFoundException("client", name, "name");
        }

        if (record.RevokedAt is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            record.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            // Deleting the application makes OpenIddict itself answer invalid_client to the old credentials.
            if (await applications.FindByClientIdAsync(record.ClientId, ct) is { } application)
            {
                await applications.DeleteAsync(application, ct);
            }

            await transaction.CommitAsync(ct);
        }

        return ToProto(record);
    }

    private static Caller Authorised(ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.Admin);
        return caller;
    }

    /// <summary>256 random bits, URL-safe so it survives forms, headers and shells unquoted.</summary>
    private static string Base64UrlSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Client ToProto(ClientRecord record)
    {
        var client = new Client
        {
            Name = record.Name,
            ClientId = record.ClientId,
            Role = record.Role,
            OrgPath = record.OrgPath,
            Scopes = { record.ScopeList },
            CreateTime = Timestamp.FromDateTimeOffset(record.CreatedAt),
            CreatedBy = record.CreatedBy,
        };
        if (record.RevokedAt is { } revoked)
        {
            client.RevokeTime = Timestamp.FromDateTimeOffset(revoked);
        }

        return client;
    }
}
