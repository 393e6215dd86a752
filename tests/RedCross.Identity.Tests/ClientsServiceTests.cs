using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Identity.V1;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>Registering, listing and revoking clients: province admins only, within their subtree, every
/// bad field reported, names unique, secrets never stored in clear.</summary>
public sealed class ClientsServiceTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly Clients.ClientsClient admin = factory.Clients(factory.Tokens.ProvinceAdmin);

    [Fact]
    public async Task A_province_admin_registers_a_client_whose_secret_is_stored_only_as_a_hash()
    {
        var created = await factory.Register(Roles.Service, "06", Scopes.EventsRead, Scopes.MembershipRead);

        Assert.True(Guid.TryParse(created.Client.ClientId, out var id) && id.Version == 7);
        Assert.True(created.ClientSecret.Length >= 43);
        Assert.Equal((Roles.Service, "06", "test-province_admin@06"), (created.Client.Role, created.Client.OrgPath, created.Client.CreatedBy));
        Assert.Null(created.Client.RevokeTime);
        var stored = await WithDb(db => db.Database
            .SqlQuery<string>($"SELECT ClientSecret AS Value FROM OpenIddictApplications WHERE ClientId = {created.Client.ClientId}").SingleAsync());
        Assert.NotEqual(created.ClientSecret, stored);
        Assert.DoesNotContain(created.ClientSecret, stored, StringComparison.Ordinal);
        var listed = await admin.ListClientsAsync(new ListClientsRequest { PageSize = 1000 });
        Assert.DoesNotContain(created.ClientSecret, listed.ToString(), StringComparison.Ordinal);
        Assert.Contains(listed.Clients, c => c.Name == created.Client.Name && c.Scopes.Count == 2);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_field_named()
    {
        var fields = await RpcAssert.InvalidFields(() => admin.CreateClientAsync(new CreateClientRequest
        {
            Name = "Not A Name!",
            Role = Roles.ProvinceAdmin,
            OrgPath = "06/../058",
            Scopes = { "membership.read", "everything" },
        }).ResponseAsync);

        Assert.Equal(["name", "org_path", "role", "scopes"], fields.Order());
        Assert.Equal(["name", "org_path", "role", "scopes"],
            (await RpcAssert.InvalidFields(() => admin.CreateClientAsync(new CreateClientRequest()).ResponseAsync)).Order());
    }

    [Fact]
    public async Task Anyone_but_a_province_admin_is_refused()
    {
        string[] tokens =
        [
            factory.Tokens.DistrictOfficer058,
            factory.Tokens.For(Roles.Partner, "06", scopes: [Scopes.MembershipRead, Scopes.MembershipWrite]),
            factory.Tokens.For(Roles.Service, "/", scopes: Scopes.EventsRead),
            factory.Tokens.For(Roles.ProvinceAdmin, "06/058"),
        ];
        foreach (var token in tokens)
        {
            var clients = factory.Clients(token);
            Assert.Equal("NOT_PERMITTED", await RpcAssert.Reason(StatusCode.PermissionDenied, () => clients.CreateClientAsync(Valid("refused")).ResponseAsync));
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => clients.ListClientsAsync(new ListClientsRequest()).ResponseAsync);
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => clients.RevokeClientAsync(new RevokeClientRequest { Name = "refused" }).ResponseAsync);
        }

        await RpcAssert.Fails(StatusCode.Unauthenticated, () => factory.Clients(null).ListClientsAsync(new ListClientsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task A_province_admin_acts_only_inside_its_province()
    {
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => admin.CreateClientAsync(Valid("other-province", "07")).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.CreateClientAsync(Valid("whole-tree", "/")).ResponseAsync);
        var rootAdmin = factory.Clients(factory.Tokens.For(Roles.ProvinceAdmin, "/"));
        var root = await rootAdmin.CreateClientAsync(Valid("whole-tree-" + Guid.NewGuid().ToString("N")[..8], "/"));

        Assert.DoesNotContain((await admin.ListClientsAsync(new ListClientsRequest { PageSize = 1000 })).Clients, c => c.Name == root.Client.Name);
        await RpcAssert.Fails(StatusCode.NotFound, () => admin.RevokeClientAsync(new RevokeClientRequest { Name = root.Client.Name }).ResponseAsync);
        Assert.Contains((await rootAdmin.ListClientsAsync(new ListClientsRequest { PageSize = 1000 })).Clients, c => c.Name == root.Client.Name);
    }

    [Fact]
    public async Task A_name_is_taken_for_good_even_after_revocation()
    {
        var created = await factory.Register();
        var again = Valid(created.Client.Name);

        await RpcAssert.Fails(StatusCode.AlreadyExists, () => admin.CreateClientAsync(again).ResponseAsync);
        var revoked = await admin.RevokeClientAsync(new RevokeClientRequest { Name = created.Client.Name });
        Assert.NotNull(revoked.RevokeTime);
        Assert.Equal(revoked.RevokeTime, (await admin.RevokeClientAsync(new RevokeClientRequest { Name = created.Client.Name })).RevokeTime);
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => admin.CreateClientAsync(again).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => admin.RevokeClientAsync(new RevokeClientRequest { Name = "never-registered" }).ResponseAsync);
    }

    [Fact]
    public async Task Listing_pages_by_name()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var n in new[] { "c", "a", "b" })
        {
            await admin.CreateClientAsync(Valid($"{prefix}-{n}"));
        }

        var names = new List<string>();
        var request = new ListClientsRequest { PageSize = 1 };
        do
        {
            var page = await admin.ListClientsAsync(request);
            names.AddRange(page.Clients.Select(c => c.Name));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rest_transcoding_registers_a_client_and_returns_field_details()
    {
        using var rest = factory.Rest(factory.Tokens.ProvinceAdmin);
        var name = "rest-" + Guid.NewGuid().ToString("N")[..8];

        var created = await rest.PostAsJsonAsync("/api/v1/clients", new { name, role = "partner", orgPath = "06/058", scopes = new[] { "membership.read" } });
        var bad = await rest.PostAsJsonAsync("/api/v1/clients", new { name = "", role = "partner", orgPath = "06", scopes = new[] { "membership.read" } });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("clientSecret", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"field\": \"name\"", (await bad.Content.ReadAsStringAsync()).Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static CreateClientRequest Valid(string name, string orgPath = "06/058") => new()
    {
        Name = name,
        Role = Roles.Partner,
        OrgPath = orgPath,
        Scopes = { Scopes.MembershipRead },
    };

    private async Task<T> WithDb<T>(Func<IdentityDb, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }
}
