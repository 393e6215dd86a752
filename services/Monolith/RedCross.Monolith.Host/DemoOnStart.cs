using System.Net.Http.Headers;
using Grpc.Net.Client;
using RedCross.Demo;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Monolith.Host;

/// <summary>`--demo`: once the monolith listens, loads Bắc Kạn town's year 2013 through its own public gRPC API, with
/// tokens signed by the embedded identity's key as `rc login --role` does, and says where to read the report. Loading it again on
/// the same data changes nothing.</summary>
internal sealed class DemoOnStart(IHostApplicationLifetime lifetime, IConfiguration config, IdentityKeys keys, ILogger<DemoOnStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await Started(stoppingToken))
        {
            return;
        }

        var grpc = config.GetValue("Ports:Grpc", 5081);
        using var town = Channel(grpc, keys.Mint("demo", Roles.DistrictOfficer, "06/058", TimeSpan.FromHours(1), name: "Demo loader"));
        using var province = Channel(grpc, keys.Mint("demo", Roles.ProvinceAdmin, "06", TimeSpan.FromHours(1), name: "Demo loader"));
        logger.LogInformation("Loading the demo: Bắc Kạn town (058), year 2013...");
        try
        {
            await DemoLoader.LoadAsync(new DemoChannels(town, province), new Progress<string>(step => logger.LogInformation("Demo: {Step}", step)), stoppingToken);
            var http = config.GetValue("Ports:Http", 5080);
            logger.LogInformation(
                "Demo ready. Open the web console at http://localhost:{Port}/ and sign in (no account yet: `rc users setup` with the " +
                "setup code above); choose the year 2013 on its overview. Or `rc login --role district_officer --org 058` then " +
                "`rc report annual --org 058 --year 2013 --format docx -o report.docx`.", http);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The demo could not be loaded; the platform runs on without it. Fix the cause and start with --demo again.");
        }
    }

    private async Task<bool> Started(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = ct.Register(() => started.TrySetCanceled(ct));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static GrpcChannel Channel(int port, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return GrpcChannel.ForAddress(http.BaseAddress, new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = true });
    }
}
