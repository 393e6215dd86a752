using System.Globalization;
using System.Net;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>A host given `Ports:Metrics` serves `/metrics` there alone (Prometheus's port, behind a network policy),
/// never on the REST port that the gateway and the office network reach.</summary>
public sealed class MetricsPortTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("rc-metrics-").FullName;
    private readonly int metricsPort = Ports.Free();
    private ServiceProcess identity = null!;

    public async Task InitializeAsync()
    {
        var (http, grpc) = (Ports.Free(), Ports.Free());
        identity = new ServiceProcess("identity", Repo.Binary("services/Identity/RedCross.Identity.Host", "RedCross.Identity.Host"), http, new Dictionary<string, string>
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Ports__Metrics"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = data,
        });
        await identity.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await identity.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Metrics_are_served_on_the_metrics_port_and_not_on_the_REST_port()
    {
        using var client = new HttpClient();

        var onRest = await client.GetAsync($"http://localhost:{identity.HttpPort}/metrics");
        var onMetrics = await client.GetAsync($"http://localhost:{metricsPort}/metrics");

        Assert.Equal(HttpStatusCode.NotFound, onRest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onMetrics.StatusCode);
        Assert.Contains("# TYPE", await onMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://localhost:{identity.HttpPort}/health/ready")).StatusCode);
    }
}
