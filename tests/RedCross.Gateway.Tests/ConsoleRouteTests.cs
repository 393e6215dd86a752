using System.Net;
using System.Net.Http.Headers;
using RedCross.ServiceDefaults.OpenApi;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>The web console behind the gateway: every page, its sign-in callback and its assets reach the console's
/// cluster without a token (the console signs people in itself, with a cookie), at the lowest priority, so every API
/// route, the gateway's own endpoints and any path the API keeps for itself (`/api/...`, `/connect/...`,
/// `/.well-known/...`, gRPC service paths, `/openapi/...`, health, metrics) answer exactly as without the console.</summary>
public sealed class ConsoleRouteTests : IAsyncLifetime
{
    private const string Console = "consoleHttp";
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync(new()
    {
        ["Gateway:RateLimits:AnonymousPerSecond"] = "100000",
    });

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    public static TheoryData<string, string> Pages => new()
    {
        { "GET", "/" },
        { "HEAD", "/" },
        { "GET", "/members" },
        { "GET", "/members/new" },
        { "POST", "/members/new" },
        { "GET", "/members/m-01834-0001" },
        { "GET", "/signin-oidc?code=abc&state=xyz&iss=http%3A%2F%2Fidentity%3A5160%2F" },
        { "GET", "/signed-out?failed=1" },
        { "POST", "/signout" },
        { "GET", "/assets/console.css?v=1a2b3c4d5e6f" },
        { "GET", "/assets/console.js?v=1a2b3c4d5e6f" },
        { "GET", "/lang/en?back=%2Fmembers" },
        { "GET", "/favicon.ico" },
        // A page the console does not have is the console's to refuse (its own not-found), not the gateway's.
        { "GET", "/relief/beneficiaries" },
    };

    [Theory, MemberData(nameof(Pages))]
    public async Task A_console_page_reaches_the_console_without_a_token(string verb, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(verb), path);
        if (verb == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", "t"), new("fullName", "Nguyễn Thị Hoa")]);
        }

        using var response = await gateway.Rest(null).SendAsync(request);

        Assert.Equal(Console, Reached(response));
    }

    public static TheoryData<string, string> NotPages => new()
    {
        // The API's own prefix: an unknown REST path is the API's (membership's catch-all under /api/v1), never a page.
        { "GET", "/api/v1/nonexistent" },
        { "GET", "/api/v2/members" },
        { "GET", "/api" },
        { "POST", "/api/v1/nonexistent" },
        { "GET", "/API/v2/members" },
        // The identity's: only the methods its routes allow reach it; no other method makes them a page.
        { "PUT", "/connect/token" },
        { "POST", "/.well-known/jwks" },
        { "GET", "/connect" },
        // The gateway's own: health, metrics (404 on the REST port), the OpenAPI document and reference page.
        { "GET", "/health/other" },
        { "GET", "/metrics" },
        { "GET", "/metrics/more" },
        { "GET", "/openapi/v2.json" },
        { "GET", "/api/docs/missing.js" },
        // gRPC service paths: a service the gateway does not route (outbox administration is per host) stays unrouted.
        { "POST", "/redcross.common.v1.OutboxAdmin/GetOutboxStatus" },
        { "POST", "/grpc.unknown.v1.Service/Method" },
        // Methods the console never uses.
        { "PUT", "/members" },
        { "DELETE", "/" },
    };

    [Theory, MemberData(nameof(NotPages))]
    public async Task A_path_the_API_keeps_never_reaches_the_console(string verb, string path)
    {
        foreach (var token in new[] { null, gateway.Tokens.ProvinceAdmin })
        {
            using var request = new HttpRequestMessage(new HttpMethod(verb), path);
            using var response = await gateway.Rest(token).SendAsync(request);

            Assert.NotEqual(Console, Reached(response));
        }
    }

    [Fact]
    public async Task An_unknown_API_path_answers_as_before_the_console_401_without_a_token_and_the_API_with_one()
    {
        using var anonymous = await gateway.Rest(null).GetAsync("/api/v1/nonexistent");
        using var withToken = await gateway.Rest(gateway.Tokens.ProvinceAdmin).GetAsync("/api/v1/nonexistent");
        using var otherVersion = await gateway.Rest(null).GetAsync("/api/v2/members");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("nothing", Reached(anonymous));
        Assert.Equal("membershipHttp", Reached(withToken));
        Assert.Equal(HttpStatusCode.Unauthorized, otherVersion.StatusCode);
        Assert.Equal("nothing", Reached(otherVersion));
    }

    [Fact]
    public async Task The_gateways_own_endpoints_and_the_identitys_sign_in_pages_answer_as_before()
    {
        using var rest = gateway.Rest(null);
        using var live = await rest.GetAsync("/health/live");
        using var ready = await rest.GetAsync("/health/ready");
        using var metrics = await rest.GetAsync("/metrics");
        using var document = await rest.GetAsync(ApiReference.DocumentPath);
        using var page = await rest.GetAsync(ApiReference.PagePath);
        using var authorize = await rest.GetAsync("/connect/authorize?client_id=console&response_type=code");
        using var signIn = await rest.PostAsync("/connect/authorize", new FormUrlEncodedContent([new("username", "hoa.nt")]));
        using var discovery = await rest.GetAsync("/.well-known/openid-configuration");

        Assert.Equal((HttpStatusCode.OK, "nothing"), (live.StatusCode, Reached(live)));
        Assert.Equal((HttpStatusCode.OK, "nothing"), (ready.StatusCode, Reached(ready)));
        Assert.Equal("nothing", Reached(metrics));
        Assert.Equal((HttpStatusCode.OK, "nothing"), (document.StatusCode, Reached(document)));
        Assert.NotEqual(Console, Reached(page));
        Assert.Equal("identityHttp", Reached(authorize));
        Assert.Equal("identityHttp", Reached(signIn));
        Assert.Equal("identityHttp", Reached(discovery));
    }

    [Fact]
    public async Task A_gRPC_call_to_a_service_the_gateway_does_not_route_never_reaches_the_console()
    {
        using var client = gateway.RawGrpc(gateway.Tokens.ProvinceAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/redcross.common.v1.OutboxAdmin/GetOutboxStatus")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };

        using var response = await client.SendAsync(request);

        Assert.Equal("nothing", Reached(response));
    }

    [Fact]
    public void The_console_routes_come_last_and_let_anyone_through_under_the_per_caller_limit()
    {
        var routes = GatewayUnderTest.ShippedSettings()["ReverseProxy"]!["Routes"]!.AsObject();
        var console = routes.Where(r => r.Value!["ClusterId"]!.GetValue<string>() == Console).ToList();
        var lastOfTheRest = routes.Except(console).Max(r => r.Value!["Order"]?.GetValue<int>() ?? 0);

        // The home page (a catch-all's constraint is not tried on an empty path), uploads, and every other page.
        Assert.Equal(["consoleHome", "consoleImports", "consolePages"], console.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(console, r =>
        {
            Assert.Equal("anonymous", r.Value!["AuthorizationPolicy"]!.GetValue<string>());
            Assert.Equal(CallerRateLimits.Policy, r.Value!["RateLimiterPolicy"]!.GetValue<string>());
            Assert.True(r.Value!["Order"]!.GetValue<int>() > lastOfTheRest, $"{r.Key} must come after every API route");
        });
        // Only the console's routes let a caller without a token through, besides the identity's sign-in and setup.
        Assert.All(routes.Where(r => r.Value!["AuthorizationPolicy"]!.GetValue<string>() == "anonymous"),
            r => Assert.Contains(r.Value!["ClusterId"]!.GetValue<string>(), new[] { "identityHttp", "identityGrpc", Console }));
    }

    [Fact]
    public async Task A_members_file_past_the_gateways_4_MB_cap_reaches_the_console_whole_and_a_page_form_is_still_held_to_it()
    {
        const int size = 6 * 1024 * 1024;
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[size]) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "hoi-vien.csv" },
        };
        using var imported = await gateway.Rest(null).PostAsync("/imports/members", upload);

        Assert.Equal((HttpStatusCode.NoContent, Console), (imported.StatusCode, Reached(imported)));
        Assert.True(long.Parse(imported.Headers.GetValues(FakeBackend.BodyBytesHeader).Single(), System.Globalization.CultureInfo.InvariantCulture) > size);

        // Every other request is still held to the cap: the gateway answers 413 or stops the transfer.
        try
        {
            using var form = await gateway.Rest(null).PostAsync("/members/new", new ByteArrayContent(new byte[size]));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        }
        catch (HttpRequestException)
        {
            // Refused before the whole body was sent.
        }
    }

    private static string Reached(HttpResponseMessage response) =>
        response.Headers.TryGetValues(FakeBackend.ClusterHeader, out var values) ? values.Single() : "nothing";
}

/// <summary>Console pages are held to the anonymous callers' quota, per address (a browser sends no token).</summary>
public sealed class ConsoleRateLimitTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync(new()
    {
        ["Gateway:RateLimits:AnonymousPerSecond"] = "5",
    });

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task Pages_past_the_anonymous_quota_get_429_with_Retry_After()
    {
        using var rest = gateway.Rest(null);
        HttpResponseMessage? refused = null;
        var served = 0;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await rest.GetAsync("/members");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal("consoleHttp", Assert.Single(response.Headers.GetValues(FakeBackend.ClusterHeader)));
                served++;
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.InRange(served, 5, 100);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }
}
