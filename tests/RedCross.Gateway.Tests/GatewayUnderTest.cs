using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using RedCross.Testing.Processes;

namespace RedCross.Gateway.Tests;

/// <summary>The real gateway (its Program and shipped appsettings.json) on real Kestrel sockets, free ports,
/// in front of <see cref="FakeBackend"/>: every cluster's destination points at the fake's port for it, unless
/// a test points it elsewhere (a closed port, an unreachable address).</summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rc-gateway-").FullName;
    private readonly WebApplicationFactory<Program> factory;

    private GatewayUnderTest(FakeBackend backend, Dictionary<string, string?> settings)
    {
        Backend = backend;
        (HttpPort, GrpcPort) = (Ports.Free(), Ports.Free());
        // The gateway validates with the identity's keys of this folder, as on the machine of an embedded deployment.
        IdentityKeys.OpenOrCreate(IdentityKeys.DefaultFolder(folder), "http://localhost/");
        Tokens = new Tokens(folder);
        var all = new Dictionary<string, string?>
        {
            ["Ports:Http"] = HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Ports:Grpc"] = GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["Data:Directory"] = folder,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (cluster, port) in backend.Ports)
        {
            all[$"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address"] = $"http://localhost:{port}";
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in all)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(all));
        });
        factory.UseKestrel();
        factory.StartServer();
    }

    public FakeBackend Backend { get; }

    public IServiceProvider Services => factory.Services;

    public Tokens Tokens { get; }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    /// <summary>The gateway's shipped configuration, as the deployment reads it.</summary>
    public static JsonObject ShippedSettings() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "gateway", "RedCross.Gateway", "appsettings.json")))!.AsObject();

    public static async Task<GatewayUnderTest> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var clusters = ShippedSettings()["ReverseProxy"]!["Clusters"]!.AsObject();
        var backend = await FakeBackend.StartAsync(clusters);
        return new GatewayUnderTest(backend, settings ?? []);
    }

    public GrpcChannel Grpc(string? token) => Channels.Local(GrpcPort, token);

    public HttpClient Rest(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{HttpPort}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A raw client to the gateway's gRPC port (requests must ask for HTTP/2 themselves).</summary>
    public HttpClient RawGrpc(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{GrpcPort}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await Backend.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
