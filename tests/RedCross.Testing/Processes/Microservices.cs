using System.Globalization;

namespace RedCross.Testing.Processes;

/// <summary>The microservices deployment, for real: a private RabbitMQ node, the identity, membership, relief, campaign,
/// awards and reporting hosts and the gateway as processes on free ports in a throwaway folder. Only the identity holds
/// a signing key; every other process validates from its published keys and gets its own service token from it with
/// client credentials, as in production. Used by the system tests and by the end-to-end benchmark, so both run the
/// same wiring.</summary>
public sealed class Microservices : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rc-micro-").FullName;
    private readonly IReadOnlyDictionary<string, string> common;
    private readonly List<ServiceProcess> processes = [];
    private readonly Dictionary<string, string> secrets = [];
    private readonly string authority;

    /// <param name="common">Settings every process gets on top of its own (telemetry export, log level, say).</param>
    public Microservices(IReadOnlyDictionary<string, string>? common = null)
    {
        this.common = common ?? new Dictionary<string, string>();
        var (identityHttp, identityGrpc) = (Ports.Free(), Ports.Free());
        var (membershipHttp, membershipGrpc) = (Ports.Free(), Ports.Free());
        var (reportingHttp, reportingGrpc) = (Ports.Free(), Ports.Free());
        var (reliefHttp, reliefGrpc) = (Ports.Free(), Ports.Free());
        var (campaignHttp, campaignGrpc) = (Ports.Free(), Ports.Free());
        var (awardsHttp, awardsGrpc) = (Ports.Free(), Ports.Free());
        var (gatewayHttp, gatewayGrpc) = (Ports.Free(), Ports.Free());
        (MembershipGrpcPort, ReportingGrpcPort, ReliefGrpcPort, CampaignGrpcPort, AwardsGrpcPort, GatewayGrpcPort) =
            (membershipGrpc, reportingGrpc, reliefGrpc, campaignGrpc, awardsGrpc, gatewayGrpc);

        authority = $"http://localhost:{identityHttp}";
        var serviceClients = new Dictionary<string, string> { ["Auth__Issuer"] = authority + "/" };
        foreach (var service in new[] { "membership", "relief", "campaign", "awards", "reporting", "gateway" })
        {
            secrets[service] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            serviceClients[$"Identity__ServiceClients__{service}__Secret"] = secrets[service];
        }

        // Campaign draws programme lists from relief with its own identity.
        serviceClients["Identity__ServiceClients__campaign__Scopes"] = "events.read relief.read";
        Identity = Service("identity", "services/Identity/RedCross.Identity.Host", "RedCross.Identity.Host", identityHttp, identityGrpc, serviceClients);
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
        var upstreams = new Dictionary<string, string>();
        foreach (var (cluster, http, grpc) in new[]
        {
            ("identity", identityHttp, identityGrpc), ("membership", membershipHttp, membershipGrpc), ("reporting", reportingHttp, reportingGrpc), ("relief", reliefHttp, reliefGrpc),
            ("awards", awardsHttp, awardsGrpc), ("campaign", campaignHttp, campaignGrpc),
        })
        {
            upstreams[$"ReverseProxy__Clusters__{cluster}Grpc__Destinations__primary__Address"] = $"http://localhost:{grpc}";
            upstreams[$"ReverseProxy__Clusters__{cluster}Http__Destinations__primary__Address"] = $"http://localhost:{http}";
        }

        Gateway = Service("gateway", "gateway/RedCross.Gateway", "RedCross.Gateway", gatewayHttp, gatewayGrpc, upstreams);
    }

    public RabbitMqNode Rabbit { get; } = new();

    /// <summary>The token authority: the only process with a signing key.</summary>
    public ServiceProcess Identity { get; }

    public ServiceProcess Membership { get; }

    public ServiceProcess Reporting { get; }

    public ServiceProcess Relief { get; }

    public ServiceProcess Campaign { get; }

    public ServiceProcess Awards { get; }

    public ServiceProcess Gateway { get; }

    /// <summary>Every process, services first, the gateway last.</summary>
    public IReadOnlyList<ServiceProcess> Processes => processes;

    public int MembershipGrpcPort { get; }

    public int ReportingGrpcPort { get; }

    public int ReliefGrpcPort { get; }

    public int CampaignGrpcPort { get; }

    public int AwardsGrpcPort { get; }

    public int GatewayGrpcPort { get; }

    /// <summary>Tokens signed with the identity's own key, read from its data folder (as an operator of that host could).</summary>
    public Tokens Tokens => new(Path.Combine(folder, "identity"));

    /// <summary>A service's SQLite file, by its process name (membership, relief, campaign, awards, reporting).</summary>
    public string Database(string service) => Path.Combine(folder, service, service + ".db");

    /// <summary>Starts the broker, then every process at once (reporting reads what it missed from the sources' logs,
    /// so no order is needed); without <paramref name="startReporting"/>, reporting is left for the caller.</summary>
    public async Task StartAsync(bool startReporting = true)
    {
        // The identity first: the others fetch its published keys and their service tokens from it.
        await Task.WhenAll(Rabbit.StartAsync(), Identity.StartAsync());
        await Task.WhenAll(processes.Where(p => p != Identity && (startReporting || p != Reporting)).Select(p => p.StartAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        await Rabbit.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private ServiceProcess Service(string name, string project, string assembly, int http, int grpc, Dictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(extra)
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = Path.Combine(folder, name),
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Port"] = Rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging__RabbitMq__Username"] = Rabbit.Username,
            ["Messaging__RabbitMq__Password"] = Rabbit.Password,
            ["Messaging__Relay__PublishTimeout"] = "00:00:03",
            ["Messaging__Relay__MaxBackoff"] = "00:00:02",
            // Long enough that a purge lands before the catch-up repairs it; short enough to wait for.
            ["Reporting__CatchUp__Interval"] = "00:00:15",
        };
        if (name != "identity")
        {
            env["Auth__Authority"] = authority;
            env["Auth__ClientId"] = "service-" + name;
            env["Auth__ClientSecret"] = secrets[name];
        }

        foreach (var (key, value) in common)
        {
            env[key] = value;
        }

        var process = new ServiceProcess(name, Repo.Binary(project, assembly), http, env);
        processes.Add(process);
        return process;
    }
}
