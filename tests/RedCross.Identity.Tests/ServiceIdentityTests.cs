using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>A host whose tokens come from an external authority obtains its own by the client-credentials
/// grant. Here the authority is the embedded token endpoint, a real OAuth server, reached in-process.</summary>
public sealed class ServiceIdentityTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_grant_obtains_a_service_token_the_hosts_accept_and_reuses_it_while_fresh()
    {
        var created = await factory.Register(Roles.Service, "06", Scopes.EventsRead);
        var counting = new CountingHandler(factory.Server.CreateHandler());
        var identity = Identity(new HttpClient(counting), created.Client.ClientId, created.ClientSecret);

        var token = await identity.TokenAsync(CancellationToken.None);

        Assert.Equal(token, await identity.TokenAsync(CancellationToken.None));
        Assert.Equal(1, counting.Requests);
        var log = new MembershipEventLog.MembershipEventLogClient(factory.Channel(token));
        using var call = log.StreamEvents(new StreamEventsRequest { MaxEvents = 1 });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Wrong_or_missing_credentials_fail_with_the_authority_s_answer()
    {
        var http = factory.Server.CreateClient();
        var created = await factory.Register(Roles.Service, "06", Scopes.EventsRead);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Identity(http, created.Client.ClientId, "wrong").TokenAsync(CancellationToken.None));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Identity(http, null, null).TokenAsync(CancellationToken.None));

        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:ClientId", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_token_from_the_grant_still_cannot_write_members()
    {
        var created = await factory.Register(Roles.Service, "06", Scopes.EventsRead, Scopes.MembershipRead);
        var token = await Identity(factory.Server.CreateClient(), created.Client.ClientId, created.ClientSecret).TokenAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<RpcException>(() => factory.Members(token).RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Dịch Vụ Ghi",
            BirthDate = "1985-04-12",
            Sex = "female",
            OrgUnit = "01834",
            JoinedDate = "2013-03-01",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    private static ServiceIdentity Identity(HttpClient http, string? clientId, string? secret) => ServiceIdentity.FromAuthority(
        "reporting",
        new ClientCredentialsGrant(http, clientId, secret, _ => Task.FromResult("http://localhost/connect/token")),
        TimeProvider.System);

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
