using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>A partner's whole path through the gateway, with real processes: credentials from
/// /connect/token, gRPC calls within its scope and subtree (personal data masked), a refusal outside it,
/// and no token once revoked. The identity host issues every token and is the only process with a signing key;
/// membership and the gateway validate from its published keys. Membership owns the tree and publishes nothing
/// anyone here reads, so no broker is needed: it runs on the in-memory bus.</summary>
public sealed class PartnerCredentialsTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("rc-oauth-").FullName;
    private ServiceProcess identity = null!;
    private ServiceProcess membership = null!;
    private ServiceProcess gateway = null!;
    private int gatewayGrpc;
    private string authority = string.Empty;

    private Tokens Tokens => new(Path.Combine(folder, "identity"));

    public async Task InitializeAsync()
    {
        var (identityHttp, identityGrpc) = (Ports.Free(), Ports.Free());
        var (membershipHttp, membershipGrpc, gatewayHttp) = (Ports.Free(), Ports.Free(), Ports.Free());
        gatewayGrpc = Ports.Free();
        authority = $"http://localhost:{identityHttp}";
        identity = Start("identity", "services/Identity/RedCross.Identity.Host", "RedCross.Identity.Host", identityHttp, identityGrpc, new()
        {
            ["Auth__Issuer"] = authority + "/",
        });
        await identity.StartAsync();
        membership = Start("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host", membershipHttp, membershipGrpc, new()
        {
            ["Messaging__Transport"] = "InMemory",
        });
        gateway = Start("gateway", "gateway/RedCross.Gateway", "RedCross.Gateway", gatewayHttp, gatewayGrpc, new()
        {
            ["ReverseProxy__Clusters__membershipGrpc__Destinations__primary__Address"] = $"http://localhost:{membershipGrpc}",
            ["ReverseProxy__Clusters__membershipHttp__Destinations__primary__Address"] = $"http://localhost:{membershipHttp}",
            ["ReverseProxy__Clusters__identityGrpc__Destinations__primary__Address"] = $"http://localhost:{identityGrpc}",
            ["ReverseProxy__Clusters__identityHttp__Destinations__primary__Address"] = $"http://localhost:{identityHttp}",
        });
        await Task.WhenAll(membership.StartAsync(), gateway.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await membership.DisposeAsync();
        await identity.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_partner_gets_a_token_through_the_gateway_reads_within_its_scope_masked_is_refused_outside_it_and_none_once_revoked()
    {
        var admin = Tokens.ProvinceAdmin;
        var registered = await new Members.MembersClient(Channels.Local(gatewayGrpc, admin)).RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Nông Thị Đối Tác",
            BirthDate = "1984-02-03",
            Sex = "female",
            OrgUnit = "01834",
            JoinedDate = "2013-03-01",
            NationalId = "006084000777",
            Phone = "0912345321",
            Address = "Tổ 5, phường Nguyễn Thị Minh Khai",
        });
        var clients = new Clients.ClientsClient(Channels.Local(gatewayGrpc, admin));
        var created = await clients.CreateClientAsync(new CreateClientRequest
        {
            Name = "partner-system-test",
            Role = Roles.Partner,
            OrgPath = "06/058",
            Scopes = { Scopes.MembershipRead },
        });

        var (status, token) = await RequestToken(created.Client.ClientId, created.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, status);
        var partner = new Members.MembersClient(Channels.Local(gatewayGrpc, token));
        var listed = await partner.ListMembersAsync(new ListMembersRequest { OrgUnit = "01834", Query = "nong thi doi tac" });
        var seen = Assert.Single(listed.Members);
        Assert.Equal((registered.Id, registered.FullName), (seen.Id, seen.FullName));
        Assert.Equal(("*********777", "*******321", "***"), (seen.NationalId, seen.Phone, seen.Address));

        Assert.Equal("NOT_PERMITTED", await RpcAssert.Reason(StatusCode.PermissionDenied, () => partner.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Không Được Ghi",
            BirthDate = "1990-01-01",
            Sex = "male",
            OrgUnit = "01834",
            JoinedDate = "2014-01-01",
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => partner.ListMembersAsync(new ListMembersRequest { OrgUnit = "060" }).ResponseAsync);

        await clients.RevokeClientAsync(new RevokeClientRequest { Name = created.Client.Name });
        var (refused, none) = await RequestToken(created.Client.ClientId, created.ClientSecret);
        Assert.Contains(refused, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.Null(none);
    }

    /// <summary>The client-credentials grant at the gateway's REST port, as a partner's program would make it.</summary>
    private async Task<(HttpStatusCode Status, string? AccessToken)> RequestToken(string clientId, string secret)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{gateway.HttpPort}") };
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("access_token", out var token) ? token.GetString() : null);
    }

    private ServiceProcess Start(string name, string project, string assembly, int http, int grpc, Dictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(extra)
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = Path.Combine(folder, name),
        };
        if (name != "identity")
        {
            env["Auth__Authority"] = authority;
        }

        return new ServiceProcess(name, Repo.Binary(project, assembly), http, env);
    }
}
