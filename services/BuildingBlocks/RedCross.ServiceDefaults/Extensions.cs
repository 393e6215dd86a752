using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.OpenApi;
using RedCross.ServiceDefaults.Security;

namespace RedCross.ServiceDefaults;

/// <summary>What every host adds first: telemetry, health, gRPC plumbing, auth, its two ports and its API reference.</summary>
public static class Extensions
{
    /// <summary>Largest gRPC message or REST body accepted (a 10 MB request is refused).</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, int httpPort, int grpcPort)
    {
        builder.AddPorts(httpPort, grpcPort);
        builder.AddTelemetry(serviceName);
        builder.AddPlatformAuthentication(serviceName, httpPort);

        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorInterceptor>();
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.EnableDetailedErrors = false;
        }).AddJsonTranscoding(o =>
            // Transcoded REST errors carry the same google.rpc details as gRPC ones.
            o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.BadRequest.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.ResourceInfo.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.AddApiReference();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddGrpcHealthChecks();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        if (AuthenticationSetup.IsEmbedded(app.Configuration))
        {
            // Fails the start, not the first request, when neither an authority nor the embedded identity's keys are there.
            app.Services.GetRequiredService<IdentityKeys>();
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") || r.Tags.Contains("live") }).AllowAnonymous();
        MapMetrics(app);
        app.MapGrpcHealthChecksService().AllowAnonymous();
        // Reflection describes the whole API surface: for callers with a valid token only.
        app.MapGrpcReflectionService();
        app.MapApiReference();
        return app;
    }

    /// <summary>`/metrics` tells how busy the platform is and what it counts: never open to whoever reaches the REST port.
    /// With `Ports:Metrics` it is served on that port alone (for Prometheus; a network policy says who reaches it);
    /// without it, only to callers on this machine (loopback; an in-process test server has no remote address).</summary>
    private static void MapMetrics(WebApplication app)
    {
        var port = app.Services.GetRequiredService<HostPorts>().Metrics;
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            var allowed = port is { } metricsPort
                ? http.Connection.LocalPort == metricsPort
                : http.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote);
            if (allowed)
            {
                await next(http);
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }));
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }

    /// <summary>Two ports, because cleartext HTTP/2 cannot share one with HTTP/1.1: REST and health on `Ports:Http`, gRPC
    /// on `Ports:Grpc`; and `/metrics` on a third when `Ports:Metrics` is set. `Ports:Bind` is "localhost" (default) or "any".
    /// `Ports:Https` with a certificate adds one TLS port for everything (HTTP/1.1 and gRPC) on every interface: other
    /// machines of an office reach the host there, while the cleartext ports stay as `Ports:Bind` says.</summary>
    private static void AddPorts(this WebApplicationBuilder builder, int httpPort, int grpcPort)
    {
        var http = builder.Configuration.GetValue("Ports:Http", httpPort);
        var grpc = builder.Configuration.GetValue("Ports:Grpc", grpcPort);
        var metrics = builder.Configuration.GetValue<int?>("Ports:Metrics");
        var https = builder.Configuration.GetValue<int?>("Ports:Https");
        var any = string.Equals(builder.Configuration["Ports:Bind"], "any", StringComparison.OrdinalIgnoreCase);
        var certificate = https is null ? null : HttpsCertificate.Load(builder.Configuration);
        builder.Services.AddSingleton(new HostPorts(http, grpc, metrics, https));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxMessageBytes;
            Listen(k, any, http, HttpProtocols.Http1);
            Listen(k, any, grpc, HttpProtocols.Http2);
            if (metrics is { } port)
            {
                Listen(k, any, port, HttpProtocols.Http1);
            }

            if (https is { } tls)
            {
                k.ListenAnyIP(tls, o =>
                {
                    o.Protocols = HttpProtocols.Http1AndHttp2;
                    o.UseHttps(certificate!);
                });
            }
        });
    }

    private static void Listen(KestrelServerOptions kestrel, bool any, int port, HttpProtocols protocols)
    {
        if (any)
        {
            kestrel.ListenAnyIP(port, o => o.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = protocols);
        }
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(l =>
        {
            l.IncludeFormattedMessage = true;
            l.IncludeScopes = true;
        });
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => TelemetryResource.Describe(r, serviceName, builder.Environment.ApplicationName, builder.Configuration))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // System.Runtime: the runtime's own meter (working set, GC heap, thread pool), for sizing containers.
                .AddMeter("MassTransit", RedCrossMetrics.Name, "System.Runtime")
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddSource(serviceName, "MassTransit", RedCrossMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsPlumbing(ctx.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    /// <summary>The ports <see cref="AddServiceDefaults"/> chose, for a module that must name this host's address while
    /// the host is still being built (a redirect URI it registers).</summary>
    public static HostPorts HostPorts(this WebApplicationBuilder builder) =>
        builder.Services.Select(d => d.ImplementationInstance).OfType<HostPorts>().SingleOrDefault()
        ?? throw new InvalidOperationException("AddServiceDefaults must come first.");

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

/// <summary>The ports this host listens on.</summary>
public sealed record HostPorts(int Http, int Grpc, int? Metrics = null, int? Https = null)
{
    /// <summary>This host's own gRPC address, for modules that call a sibling module in the monolith.</summary>
    public string LocalGrpcUrl => $"http://localhost:{Grpc}";
}
