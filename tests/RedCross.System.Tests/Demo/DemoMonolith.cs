using System.Net.Http.Headers;
using Grpc.Net.Client;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests.Demo;

/// <summary>The monolith started as a newcomer starts it with the demo (`--demo`, here as Demo__Load=true), on its own
/// SQLite files; ready once the demo says it is loaded and reporting shows the town's relief total.</summary>
public sealed class DemoMonolith : IAsyncLifetime
{
    private readonly Monolith monolith = new("rc-demo-");

    public int GrpcPort => monolith.GrpcPort;

    public Tokens Tokens => monolith.Tokens;

    public async Task InitializeAsync() => await StartAsync();

    /// <summary>Starts the monolith with the demo on the same data folder and waits until the demo has loaded (again).</summary>
    public async Task StartAsync()
    {
        await monolith.StartAsync(new Dictionary<string, string> { ["Demo__Load"] = "true" });
        await Eventually.Until(() => Task.FromResult(monolith.Log), log => log.Contains("demo loaded", StringComparison.Ordinal) || log.Contains("could not be loaded", StringComparison.Ordinal),
            TimeSpan.FromMinutes(8), "the demo to load");
        Assert.DoesNotContain("could not be loaded", monolith.Log, StringComparison.Ordinal);
        var reporting = new Reporting.ReportingClient(Channel());
        await Eventually.Until(
            async () => (await reporting.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Indicators.Single(i => i.Code == "relief.activity_value_vnd").Value,
            v => v == 352_323_000, TimeSpan.FromMinutes(2), "reporting to count the demo's relief");
    }

    public async Task RestartAsync()
    {
        await monolith.StopAsync();
        await StartAsync();
    }

    public GrpcChannel Channel() => Channels.Local(GrpcPort, Tokens.ProvinceAdmin);

    public HttpClient Rest()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{monolith.HttpPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.DistrictOfficer058);
        return client;
    }

    public async Task DisposeAsync() => await monolith.DisposeAsync();
}

/// <summary>One demo load shared by the tests that read it (loading takes a while); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoMonolith>
{
    public const string Name = "demo";
}
