using System.Net.Http.Headers;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>The gateway routes every service's API: every gRPC method of every contract service and every
/// REST binding reaches the cluster of the service that owns its package, checked by sending the request
/// through the real gateway to a fake backend that names the cluster it arrived on. A new service or REST path
/// without a route (or caught by another service's route) fails here.</summary>
public sealed class RouteTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync(new()
    {
        ["Gateway:RateLimits:StaffPerSecond"] = "100000",
    });

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public void Every_contract_package_has_a_service_or_is_declared_per_host()
    {
        var unknown = ContractRoutes.Services().Select(s => s.File.Package)
            .Where(p => !ContractRoutes.ServiceOfPackage.ContainsKey(p) && !ContractRoutes.PerHostPackages.Contains(p))
            .Distinct()
            .ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Every_gRPC_method_reaches_the_gRPC_cluster_of_its_service()
    {
        using var client = gateway.RawGrpc(gateway.Tokens.ProvinceAdmin);
        var wrong = new List<string>();
        var checkedMethods = 0;
        foreach (var service in ContractRoutes.Services().Where(s => !ContractRoutes.PerHostPackages.Contains(s.File.Package)))
        {
            var expected = ContractRoutes.ServiceOfPackage[service.File.Package] + "Grpc";
            foreach (var method in service.Methods)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/{service.FullName}/{method.Name}")
                {
                    Version = System.Net.HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
                };
                using var response = await client.SendAsync(request);
                var reached = response.Headers.TryGetValues(FakeBackend.ClusterHeader, out var values) ? values.Single() : $"nothing (HTTP {(int)response.StatusCode})";
                if (reached != expected)
                {
                    wrong.Add($"{service.FullName}/{method.Name} reached {reached}, expected {expected}");
                }

                checkedMethods++;
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(checkedMethods > 100, $"only {checkedMethods} methods found in the contracts");
    }

    [Fact]
    public async Task Every_REST_binding_reaches_the_REST_cluster_of_its_service()
    {
        using var client = gateway.Rest(gateway.Tokens.ProvinceAdmin);
        var wrong = new List<string>();
        var bindings = 0;
        foreach (var service in ContractRoutes.Services().Where(s => !ContractRoutes.PerHostPackages.Contains(s.File.Package)))
        {
            var expected = ContractRoutes.ServiceOfPackage[service.File.Package] + "Http";
            foreach (var method in service.Methods)
            {
                foreach (var (verb, template) in ContractRoutes.HttpBindings(method))
                {
                    var path = ContractRoutes.Concrete(template);
                    using var request = new HttpRequestMessage(new HttpMethod(verb), path);
                    using var response = await client.SendAsync(request);
                    var reached = response.Headers.TryGetValues(FakeBackend.ClusterHeader, out var values) ? values.Single() : $"nothing (HTTP {(int)response.StatusCode})";
                    if (reached != expected)
                    {
                        wrong.Add($"{verb} {path} ({method.FullName}) reached {reached}, expected {expected}");
                    }

                    bindings++;
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(bindings > 100, $"only {bindings} HTTP bindings found in the contracts");
    }

    [Fact]
    public async Task The_token_endpoint_and_the_published_keys_reach_the_identity_anonymously()
    {
        using var token = await gateway.Rest(null).PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]));
        using var keys = await gateway.Rest(null).GetAsync("/.well-known/jwks");

        Assert.Equal("identityHttp", Assert.Single(token.Headers.GetValues(FakeBackend.ClusterHeader)));
        Assert.Equal("identityHttp", Assert.Single(keys.Headers.GetValues(FakeBackend.ClusterHeader)));
    }

    [Fact]
    public async Task The_first_admins_setup_reaches_the_identity_anonymously_and_no_other_accounts_call_does()
    {
        using var rest = await gateway.Rest(null).PostAsync("/api/v1/accounts:setup", new StringContent("{}"));
        using var list = await gateway.Rest(null).GetAsync("/api/v1/accounts");

        Assert.Equal("identityHttp", Assert.Single(rest.Headers.GetValues(FakeBackend.ClusterHeader)));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, list.StatusCode);
    }

    [Fact]
    public void The_concrete_path_of_a_template_fills_variables_and_keeps_the_verb()
    {
        Assert.Equal("/api/v1/orgUnits/x1:close", ContractRoutes.Concrete("/api/v1/orgUnits/{code}:close"));
        Assert.Equal("/api/v1/units/x1/reports/x1/x2", ContractRoutes.Concrete("/api/v1/{parent=units/*}/reports/{rest=**}"));
    }
}
