using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;
using Yarp.ReverseProxy.Forwarder;

namespace RedCross.Gateway.Tests;

/// <summary>A backend that is down, unreachable or hung is answered by the gateway itself: gRPC Unavailable
/// naming the service (never a bare 502 the client must interpret), REST 503 with a problem body.</summary>
public sealed class BackendDownTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_backend_refusing_connections_is_answered_Unavailable_naming_the_service()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new()
        {
            ["ReverseProxy:Clusters:reliefGrpc:Destinations:primary:Address"] = $"http://localhost:{Ports.Free()}",
            ["ReverseProxy:Clusters:reliefHttp:Destinations:primary:Address"] = $"http://localhost:{Ports.Free()}",
        });
        var beneficiaries = new Beneficiaries.BeneficiariesClient(gateway.Grpc(gateway.Tokens.ProvinceAdmin));

        var ex = await RpcAssert.Fails(StatusCode.Unavailable, async () => await beneficiaries.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = "b1" }));

        Assert.Contains("relief", ex.Status.Detail, StringComparison.Ordinal);
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.Equal("BACKEND_UNAVAILABLE", info?.Reason);
        Assert.Equal("relief", info?.Metadata["service"]);
        // The other services are unaffected.
        Assert.Equal("058", (await new OrgUnits.OrgUnitsClient(gateway.Grpc(gateway.Tokens.ProvinceAdmin)).GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" })).Code);

        using var rest = await gateway.Rest(gateway.Tokens.ProvinceAdmin).GetAsync("/api/v1/beneficiaries/b1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rest.StatusCode);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType?.MediaType);
        var problem = await rest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("relief", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_host_is_answered_Unavailable_within_the_connect_timeout_not_YARPs_15_s()
    {
        using var blackhole = new Blackhole();
        await using var gateway = await GatewayUnderTest.StartAsync(new()
        {
            ["ReverseProxy:Clusters:reliefGrpc:Destinations:primary:Address"] = $"http://127.0.0.1:{blackhole.Port}",
        });
        var connections = Assert.IsType<BackendConnections>(gateway.Services.GetRequiredService<IForwarderHttpClientFactory>());
        Assert.Equal(TimeSpan.FromMilliseconds(500), connections.ConnectTimeout);
        var beneficiaries = new Beneficiaries.BeneficiariesClient(gateway.Grpc(gateway.Tokens.ProvinceAdmin));

        var watch = Stopwatch.StartNew();
        var ex = await RpcAssert.Fails(StatusCode.Unavailable, async () => await beneficiaries.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = "b1" }));

        Assert.Contains("relief", ex.Status.Detail, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < Generous, $"answered after {watch.Elapsed}");
        Assert.True(watch.Elapsed >= connections.ConnectTimeout * 0.9, $"answered after {watch.Elapsed}: the connect did not hang, so this tested a refusal");
    }

    [Fact]
    public async Task A_hung_backend_is_cut_at_the_clusters_activity_timeout_and_its_work_cancelled()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new()
        {
            ["ReverseProxy:Clusters:membershipGrpc:HttpRequest:ActivityTimeout"] = "00:00:01",
        });
        var units = new OrgUnits.OrgUnitsClient(gateway.Grpc(gateway.Tokens.ProvinceAdmin));

        // No deadline from the client: only the gateway bounds the call.
        var ex = await RpcAssert.Fails(StatusCode.Unavailable, async () => await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "slow" }));

        Assert.Contains("membership", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("in time", ex.Status.Detail, StringComparison.Ordinal);
        await gateway.Backend.Slow.Cancelled.Task.WaitAsync(Generous);
    }

    [Fact]
    public void The_shipped_activity_timeouts_bound_every_cluster()
    {
        var clusters = GatewayUnderTest.ShippedSettings()["ReverseProxy"]!["Clusters"]!.AsObject();

        foreach (var (id, cluster) in clusters)
        {
            var timeout = TimeSpan.Parse(cluster!["HttpRequest"]!["ActivityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(timeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));
            Assert.True(id.EndsWith("Grpc", StringComparison.Ordinal) || id.EndsWith("Http", StringComparison.Ordinal), $"cluster {id} does not name its transport");
        }
    }
}
