using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RedCross.Contracts.Membership.V1;

namespace RedCross.Gateway.Tests;

/// <summary>Stands in for every backend: one real Kestrel listening on one free port per gateway cluster
/// (h2c for the gRPC clusters, HTTP/1.1 for the REST ones), answering every request with the cluster whose port
/// it arrived on (header `x-backend-cluster`) and how much of the body it read, and serving a trivial membership OrgUnits service and member import for
/// real calls.</summary>
internal sealed class FakeBackend : IAsyncDisposable
{
    public const string ClusterHeader = "x-backend-cluster";

    /// <summary>How many bytes of the request body the fallback read (all of them: it reads to the end).</summary>
    public const string BodyBytesHeader = "x-backend-body-bytes";

    private readonly WebApplication app;

    private FakeBackend(WebApplication app, IReadOnlyDictionary<string, int> ports)
    {
        this.app = app;
        Ports = ports;
    }

    /// <summary>Cluster id → the port standing in for it.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    public SlowCalls Slow { get; private init; } = new();

    public static async Task<FakeBackend> StartAsync(JsonObject clusters)
    {
        var ports = clusters.ToDictionary(c => c.Key, _ => RedCross.Testing.Processes.Ports.Free());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var (cluster, port) in ports)
            {
                var grpc = clusters[cluster]?["HttpRequest"]?["Version"]?.GetValue<string>() == "2";
                k.Listen(IPAddress.Loopback, port, o => o.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1);
            }
        });
        var slow = new SlowCalls();
        builder.Services.AddSingleton(slow);
        builder.Services.AddGrpc();
        var app = builder.Build();
        var byPort = ports.ToDictionary(p => p.Value, p => p.Key);
        app.Use((context, next) =>
        {
            context.Response.Headers[ClusterHeader] = byPort[context.Connection.LocalPort];
            return next(context);
        });
        app.MapGrpcService<FakeOrgUnits>();
        app.MapGrpcService<FakeMembers>();
        app.MapFallback(async context =>
        {
            // The whole body, as a real backend reads a form or an upload, before answering.
            var buffer = new byte[81920];
            long read = 0;
            for (int n; (n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0;)
            {
                read += n;
            }

            context.Response.Headers[BodyBytesHeader] = read.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        return new FakeBackend(app, ports) { Slow = slow };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>GetOrgUnit echoes the code; code "slow" never answers on its own and records the deadline it
    /// was given and whether its cancellation token fired (the work stopping).</summary>
    private sealed class FakeOrgUnits(SlowCalls slow) : OrgUnits.OrgUnitsBase
    {
        public override async Task<OrgUnit> GetOrgUnit(GetOrgUnitRequest request, ServerCallContext context)
        {
            if (request.Code == "slow")
            {
                slow.Started(context.Deadline);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    slow.Cancelled.TrySetResult();
                    throw;
                }
            }

            return new OrgUnit { Code = request.Code, Name = "Fake " + request.Code };
        }

        public override Task<OrgUnit> CreateOrgUnit(CreateOrgUnitRequest request, ServerCallContext context) =>
            Task.FromResult(new OrgUnit { Code = request.Code, Name = request.Name });
    }

    /// <summary>ImportMembers answers at once unless its first row is named "slow": then it reads no further and
    /// never answers on its own, so the caller's next rows stay in flight until the call's deadline ends it (gRPC
    /// then answers DeadlineExceeded and resets the stream).</summary>
    private sealed class FakeMembers(SlowCalls slow) : Members.MembersBase
    {
        public override async Task<ImportMembersResponse> ImportMembers(IAsyncStreamReader<ImportMemberRow> requestStream, ServerCallContext context)
        {
            if (await requestStream.MoveNext(context.CancellationToken) && requestStream.Current.Member?.FullName == "slow")
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    slow.ImportStopped.TrySetResult();
                    throw;
                }
            }

            return new ImportMembersResponse();
        }
    }
}

/// <summary>What the fake backend saw of its slow calls.</summary>
internal sealed class SlowCalls
{
    public TaskCompletionSource<DateTime> Deadline { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ImportStopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Started(DateTime deadline) => Deadline.TrySetResult(deadline);
}
