using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests.Infrastructure;

/// <summary>The microservices deployment, for real: a private RabbitMQ node, the membership, relief, campaign, awards
/// and reporting hosts and the gateway as processes on free ports, sharing one signing key file.
/// A subclass may leave reporting for the test to start late.</summary>
public class Platform : IAsyncLifetime
{
    private readonly bool startReporting;

    public Platform()
        : this(startReporting: true)
    {
    }

    protected Platform(bool startReporting) => this.startReporting = startReporting;

    private readonly string folder = Directory.CreateTempSubdirectory("rc-system-").FullName;
    private readonly List<ServiceProcess> processes = [];

    internal RabbitMqNode Rabbit { get; } = new();

    internal ServiceProcess Membership { get; private set; } = null!;

    internal ServiceProcess Reporting { get; private set; } = null!;

    internal ServiceProcess Gateway { get; private set; } = null!;

    internal ServiceProcess Relief { get; private set; } = null!;

    internal ServiceProcess Awards { get; private set; } = null!;
    internal ServiceProcess Campaign { get; private set; } = null!;

    internal int MembershipGrpcPort { get; private set; }

    internal int GatewayGrpcPort { get; private set; }

    internal int ReportingGrpcPort { get; private set; }

    internal int ReliefGrpcPort { get; private set; }

    internal int CampaignGrpcPort { get; private set; }

    internal int AwardsGrpcPort { get; private set; }

    public Tokens Tokens => new(Path.Combine(folder, "signing.key"));

    public string MembershipDatabase => Path.Combine(folder, "membership", "membership.db");

    public string ReliefDatabase => Path.Combine(folder, "relief", "relief.db");

    /// <summary>A service's SQLite file, by its process name (membership, relief, campaign, awards, reporting).</summary>
    public string Database(string service) => Path.Combine(folder, service, service + ".db");

    public virtual async Task InitializeAsync()
    {
        RedCross.ServiceDefaults.Security.LocalTokens.LoadOrCreateKey(Path.Combine(folder, "signing.key"));
        await Rabbit.StartAsync();
        var (membershipHttp, membershipGrpc) = (Ports.Free(), Ports.Free());
        var (reportingHttp, reportingGrpc) = (Ports.Free(), Ports.Free());
        var (reliefHttp, reliefGrpc) = (Ports.Free(), Ports.Free());
        var (campaignHttp, campaignGrpc) = (Ports.Free(), Ports.Free());
        var (gatewayHttp, gatewayGrpc) = (Ports.Free(), Ports.Free());
        var (awardsHttp, awardsGrpc) = (Ports.Free(), Ports.Free());
        MembershipGrpcPort = membershipGrpc;
        ReportingGrpcPort = reportingGrpc;
        ReliefGrpcPort = reliefGrpc;
        CampaignGrpcPort = campaignGrpc;
        AwardsGrpcPort = awardsGrpc;
        GatewayGrpcPort = gatewayGrpc;

        Membership = Service("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host", membershipHttp, membershipGrpc, []);
        Reporting = Service("reporting", "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host", reportingHttp, reportingGrpc, new()
        {
            ["Reporting__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
            ["Reporting__Sources__Relief"] = $"http://localhost:{reliefGrpc}",
            ["Reporting__Sources__Awards"] = $"http://localhost:{awardsGrpc}",
            ["Reporting__Sources__Campaign"] = $"http://localhost:{campaignGrpc}",
        });
        Relief = Service("relief", "services/Relief/RedCross.Relief.Host", "RedCross.Relief.Host", reliefHttp, reliefGrpc, new()
        {
            ["Relief__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
        });
        Awards = Service("awards", "services/Awards/RedCross.Awards.Host", "RedCross.Awards.Host", awardsHttp, awardsGrpc, new()
        {
            ["Awards__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
            ["Awards__Sources__Campaign"] = $"http://localhost:{campaignGrpc}",
        });
        Campaign = Service("campaign", "services/Campaign/RedCross.Campaign.Host", "RedCross.Campaign.Host", campaignHttp, campaignGrpc, new()
        {
            ["Campaign__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
            ["Campaign__Sources__Relief"] = $"http://localhost:{reliefGrpc}",
            ["Campaign__CatchUp__Interval"] = "00:00:15",
        });
        Gateway = Service("gateway", "gateway/RedCross.Gateway", "RedCross.Gateway", gatewayHttp, gatewayGrpc, new()
        {
            ["ReverseProxy__Clusters__membershipGrpc__Destinations__primary__Address"] = $"http://localhost:{membershipGrpc}",
            ["ReverseProxy__Clusters__membershipHttp__Destinations__primary__Address"] = $"http://localhost:{membershipHttp}",
            ["ReverseProxy__Clusters__reportingGrpc__Destinations__primary__Address"] = $"http://localhost:{reportingGrpc}",
            ["ReverseProxy__Clusters__reportingHttp__Destinations__primary__Address"] = $"http://localhost:{reportingHttp}",
            ["ReverseProxy__Clusters__reliefGrpc__Destinations__primary__Address"] = $"http://localhost:{reliefGrpc}",
            ["ReverseProxy__Clusters__reliefHttp__Destinations__primary__Address"] = $"http://localhost:{reliefHttp}",
            ["ReverseProxy__Clusters__awardsGrpc__Destinations__primary__Address"] = $"http://localhost:{awardsGrpc}",
            ["ReverseProxy__Clusters__awardsHttp__Destinations__primary__Address"] = $"http://localhost:{awardsHttp}",
            ["ReverseProxy__Clusters__campaignGrpc__Destinations__primary__Address"] = $"http://localhost:{campaignGrpc}",
            ["ReverseProxy__Clusters__campaignHttp__Destinations__primary__Address"] = $"http://localhost:{campaignHttp}",
        });
        // Reporting no longer needs to start first: what the bus dropped, it reads from membership's log.
        await Task.WhenAll(startReporting ? Reporting.StartAsync() : Task.CompletedTask, Gateway.StartAsync(), Membership.StartAsync(), Relief.StartAsync(), Campaign.StartAsync(), Awards.StartAsync());
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        await Rabbit.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

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
    public async Task StartReportingAsync()
    {
        await Reporting.StartAsync();
    }

    private ServiceProcess Service(string name, string project, string assembly, int http, int grpc, Dictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(extra)
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = Path.Combine(folder, name),
            ["Auth__SigningKeyFile"] = Path.Combine(folder, "signing.key"),
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Port"] = Rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging__Relay__PublishTimeout"] = "00:00:03",
            ["Messaging__Relay__MaxBackoff"] = "00:00:02",
            // Long enough that a purge lands before the catch-up repairs it; short enough to wait for.
            ["Reporting__CatchUp__Interval"] = "00:00:15",
        };
        foreach (var (key, value) in CommonEnvironment)
        {
            env[key] = value;
        }

        var process = new ServiceProcess(name, Repo.Binary(project, assembly), http, env);
        processes.Add(process);
        return process;
    }
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
