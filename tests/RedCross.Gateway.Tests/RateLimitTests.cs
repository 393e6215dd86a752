using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>Per-client quotas keyed by the validated token: a partner past its quota gets gRPC
/// ResourceExhausted (with RetryInfo) or REST 429 (with Retry-After and a problem body), while another client on
/// the same IP goes on. No timing: each caller calls until refused (the bucket holds one second's permits and
/// refills each second, so a quota of a few per second is exhausted long before the call cap).</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int CallCap = 2000;
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync(new()
    {
        ["Gateway:RateLimits:PartnerPerSecond"] = "3",
        ["Gateway:RateLimits:StaffPerSecond"] = "100000",
        ["Gateway:RateLimits:Clients:big-partner"] = "100000",
    });

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    private string Partner(string clientId) =>
        gateway.Tokens.ForClient(clientId, Roles.Partner, "06/058", "membership.read");

    [Fact]
    public async Task A_partner_past_its_quota_gets_ResourceExhausted_with_a_retry_delay_while_another_partner_goes_on()
    {
        var greedy = new OrgUnits.OrgUnitsClient(gateway.Grpc(Partner("greedy-partner")));
        var (succeeded, refusal) = await CallUntilRefused(() => greedy.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" }).ResponseAsync);

        var refused = Assert.IsType<RpcException>(refusal);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.True(succeeded >= 3, $"refused after {succeeded} calls, below the quota of 3");
        var status = refused.GetRpcStatus();
        Assert.NotNull(status);
        var retry = status.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal("RATE_LIMITED", status.GetDetail<ErrorInfo>()?.Reason);

        // Same IP, another client id: its own bucket.
        var other = new OrgUnits.OrgUnitsClient(gateway.Grpc(Partner("other-partner")));
        Assert.Equal("058", (await other.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" })).Code);
    }

    [Fact]
    public async Task A_client_with_its_own_quota_and_staff_are_not_held_to_the_partner_default()
    {
        foreach (var token in new[] { Partner("big-partner"), gateway.Tokens.DistrictOfficer058 })
        {
            var client = new OrgUnits.OrgUnitsClient(gateway.Grpc(token));
            for (var i = 0; i < 50; i++)
            {
                await client.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" });
            }
        }
    }

    [Fact]
    public async Task A_partner_past_its_quota_on_REST_gets_429_with_Retry_After_and_a_problem_body()
    {
        using var rest = gateway.Rest(Partner("rest-partner"));
        HttpResponseMessage? refused = null;
        for (var i = 0; i < CallCap && refused is null; i++)
        {
            var response = await rest.GetAsync("/api/v1/orgUnits/058");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal("membershipHttp", Assert.Single(response.Headers.GetValues(FakeBackend.ClusterHeader)));
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task The_token_endpoint_s_quota_is_per_address_and_a_forwarded_address_counts_only_from_a_trusted_proxy()
    {
        // No proxy trusted: a caller naming a new X-Forwarded-For each time still meets its own address's quota.
        AssertHeldToOneQuota(await TokenRequestsUntil429(gateway, spoof: true, CallCap));

        // The ingress trusted (here the test itself, on loopback): each forwarded client has its own quota.
        await using var behindIngress = await GatewayUnderTest.StartAsync(new()
        {
            [$"{TrustedProxies.Section}:0"] = "127.0.0.1",
            [$"{TrustedProxies.Section}:1"] = "::1",
        });
        Assert.Equal(SpoofedAddresses, (await TokenRequestsUntil429(behindIngress, spoof: true, SpoofedAddresses)).Allowed);
        AssertHeldToOneQuota(await TokenRequestsUntil429(behindIngress, spoof: false, CallCap));
    }

    [Fact]
    public void Quotas_are_keyed_by_client_id_for_partners_and_by_subject_for_staff()
    {
        var limits = new CallerRateLimits(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:PartnerPerSecond"] = "7",
            ["Gateway:RateLimits:StaffPerSecond"] = "500",
            ["Gateway:RateLimits:Clients:vip"] = "90",
        }).Build());
        static ClaimsPrincipal User(string role, string subject, string? clientId = null) => new(new ClaimsIdentity(
            [new(CallerClaims.Role, role), new(CallerClaims.Subject, subject), .. clientId is null ? Array.Empty<Claim>() : [new("azp", clientId)]], "Bearer"));

        Assert.Equal(("client:acme", 7), limits.QuotaOf(User(Roles.Partner, "acme"), "10.0.0.1"));
        Assert.Equal(("client:vip", 90), limits.QuotaOf(User(Roles.Partner, "vip"), "10.0.0.1"));
        Assert.Equal(("client:kc-client", 7), limits.QuotaOf(User(Roles.Partner, "service-account-uuid", "kc-client"), "10.0.0.1"));
        Assert.Equal(("user:officer-1", 500), limits.QuotaOf(User(Roles.DistrictOfficer, "officer-1"), "10.0.0.1"));
        Assert.Equal(("ip:10.0.0.1", 20), limits.QuotaOf(new ClaimsPrincipal(new ClaimsIdentity()), "10.0.0.1"));
    }

    /// <summary>The anonymous token endpoint's default quota per address and second.</summary>
    private const int AnonymousPerSecond = 20;

    /// <summary>Forwarded addresses the spoofing caller cycles through; each is named once in a run of this many.</summary>
    private const int SpoofedAddresses = 200;

    /// <summary>A 429 came, and no more requests passed than one address's bucket allows in the time they took (its
    /// second's permits, refilled each second): a machine slowed by load lets a few refills in, never a bucket per
    /// forwarded address.</summary>
    private static void AssertHeldToOneQuota((int Allowed, TimeSpan Elapsed) run)
    {
        Assert.True(run.Allowed < CallCap, $"no 429 in {CallCap} token requests");
        Assert.InRange(run.Allowed, 1, AnonymousPerSecond * (1 + (int)Math.Ceiling(run.Elapsed.TotalSeconds)));
    }

    /// <summary>Anonymous token requests until one is refused with 429 or <paramref name="cap"/> have passed, each from
    /// the next of <see cref="SpoofedAddresses"/> forwarded addresses when <paramref name="spoof"/>: how many passed
    /// and how long they took.</summary>
    private static async Task<(int Allowed, TimeSpan Elapsed)> TokenRequestsUntil429(GatewayUnderTest target, bool spoof, int cap)
    {
        using var rest = target.Rest(null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < cap; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            if (spoof)
            {
                request.Headers.Add("X-Forwarded-For", $"203.0.{113 + i / 250}.{i % 250}");
            }

            using var response = await rest.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (i, clock.Elapsed);
            }
        }

        return (cap, clock.Elapsed);
    }

    private static async Task<(int Succeeded, Exception? Refusal)> CallUntilRefused(Func<Task> call)
    {
        for (var i = 0; i < CallCap; i++)
        {
            try
            {
                await call();
            }
            catch (RpcException ex)
            {
                return (i, ex);
            }
        }

        return (CallCap, null);
    }
}
