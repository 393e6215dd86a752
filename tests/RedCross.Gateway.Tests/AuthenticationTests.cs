using System.Net;
using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>The gateway validates tokens itself: nothing without a valid one reaches a backend.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync();

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task A_valid_token_is_proxied_to_the_backend()
    {
        var unit = await new OrgUnits.OrgUnitsClient(gateway.Grpc(gateway.Tokens.DistrictOfficer058)).GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" });

        Assert.Equal("Fake 058", unit.Name);
    }

    [Fact]
    public async Task A_call_without_a_token_is_Unauthenticated()
    {
        await RpcAssert.Fails(StatusCode.Unauthenticated, async () =>
            await new OrgUnits.OrgUnitsClient(gateway.Grpc(null)).GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" }));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_the_old_shared_key_is_Unauthenticated()
    {
        var issuer = gateway.Tokens.Keys.Issuer;
        foreach (var forged in new[] { Forgery.OtherKey(issuer), Forgery.Hs256(issuer) })
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, async () =>
                await new OrgUnits.OrgUnitsClient(gateway.Grpc(forged)).GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" }));
        }
    }

    [Fact]
    public async Task An_expired_token_is_Unauthenticated()
    {
        var expired = gateway.Tokens.For(Roles.ProvinceAdmin, "06", TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-1));

        await RpcAssert.Fails(StatusCode.Unauthenticated, async () =>
            await new OrgUnits.OrgUnitsClient(gateway.Grpc(expired)).GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" }));
    }

    [Fact]
    public async Task A_REST_call_without_a_token_gets_401_and_never_reaches_the_backend()
    {
        using var response = await gateway.Rest(null).GetAsync("/api/v1/orgUnits/058");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains(FakeBackend.ClusterHeader));
    }
}
