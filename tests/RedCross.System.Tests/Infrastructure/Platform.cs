using System.Net.Http.Headers;
using Grpc.Net.Client;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests.Infrastructure;

/// <summary>The microservices deployment (<see cref="Microservices"/>) as a test fixture.
/// A subclass may leave reporting for the test to start late, or add settings for every process.</summary>
public class Platform : IAsyncLifetime
{
    private readonly bool startReporting;
    private Microservices deployment = null!;

    public Platform()
        : this(startReporting: true)
    {
    }

    protected Platform(bool startReporting) => this.startReporting = startReporting;

    internal RabbitMqNode Rabbit => deployment.Rabbit;

    internal ServiceProcess Membership => deployment.Membership;

    internal ServiceProcess Reporting => deployment.Reporting;

    internal ServiceProcess Gateway => deployment.Gateway;

    internal ServiceProcess Relief => deployment.Relief;

    internal ServiceProcess Awards => deployment.Awards;

    internal ServiceProcess Campaign => deployment.Campaign;

    internal int MembershipGrpcPort => deployment.MembershipGrpcPort;

    internal int GatewayGrpcPort => deployment.GatewayGrpcPort;

    internal int ReportingGrpcPort => deployment.ReportingGrpcPort;

    internal int ReliefGrpcPort => deployment.ReliefGrpcPort;

    internal int CampaignGrpcPort => deployment.CampaignGrpcPort;

    internal int AwardsGrpcPort => deployment.AwardsGrpcPort;

    public Tokens Tokens => deployment.Tokens;

    public string MembershipDatabase => Database("membership");

    public string ReliefDatabase => Database("relief");

    /// <summary>A service's SQLite file, by its process name (membership, relief, campaign, awards, reporting).</summary>
    public string Database(string service) => deployment.Database(service);

    public virtual async Task InitializeAsync()
    {
        deployment = new Microservices(CommonEnvironment);
        await deployment.StartAsync(startReporting);
    }

    public virtual async Task DisposeAsync() => await deployment.DisposeAsync();

    /// <summary>Settings every process gets on top of its own (telemetry export, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> CommonEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>gRPC through the gateway, as the token's principal.</summary>
    public GrpcChannel GatewayChannel(string? token) => Channels.Local(GatewayGrpcPort, token);

    /// <summary>REST through the gateway.</summary>
    public HttpClient GatewayRest(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{Gateway.HttpPort}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Starts reporting (again, after a kill; or for the first time, late).</summary>
    public Task StartReportingAsync() => Reporting.StartAsync();
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<Platform>
{
    public const string Name = "platform";
}

/// <summary>A fresh deployment whose reporting the test starts after membership has published.</summary>
public sealed class LateReportingPlatform : Platform
{
    public LateReportingPlatform()
        : base(startReporting: false)
    {
    }
}
