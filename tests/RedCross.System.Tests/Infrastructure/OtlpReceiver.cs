using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using RedCross.Testing.Processes;

namespace RedCross.System.Tests.Infrastructure;

/// <summary>A span as received, with the resource of the process that sent it.</summary>
internal sealed record ReceivedSpan(Span Span, IReadOnlyDictionary<string, string> Resource)
{
    public string Service => Resource.GetValueOrDefault("service.name", "?");

    public string TraceId => Convert.ToHexStringLower(Span.TraceId.Span);

    public string SpanId => Convert.ToHexStringLower(Span.SpanId.Span);

    public string ParentSpanId => Convert.ToHexStringLower(Span.ParentSpanId.Span);

    public override string ToString() => $"{Service}: {Span.Kind} '{Span.Name}' {TraceId}/{SpanId} parent {ParentSpanId}";
}

/// <summary>An OpenTelemetry collector's OTLP/HTTP protobuf endpoint (`/v1/traces`, `/v1/metrics`, `/v1/logs`) on a
/// free port in the test process, keeping what the platform's processes export.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> metricResources = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> logResources = new();
    private WebApplication? app;

    public int Port { get; } = Ports.Free();

    public string Endpoint => $"http://localhost:{Port}";

    public IReadOnlyList<ReceivedSpan> Spans => [.. spans];

    /// <summary>The resources metrics arrived with, one per export.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> MetricResources => [.. metricResources];

    /// <summary>The resources logs arrived with, one per export.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> LogResources => [.. logResources];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Endpoint);
        app = builder.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var export = ExportTraceServiceRequest.Parser.ParseFrom(await BodyAsync(request));
            foreach (var resourceSpans in export.ResourceSpans)
            {
                var resource = Attributes(resourceSpans.Resource);
                foreach (var span in resourceSpans.ScopeSpans.SelectMany(s => s.Spans))
                {
                    spans.Enqueue(new ReceivedSpan(span, resource));
                }
            }

            return Results.Bytes(new ExportTraceServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            var export = ExportMetricsServiceRequest.Parser.ParseFrom(await BodyAsync(request));
            foreach (var resourceMetrics in export.ResourceMetrics)
            {
                metricResources.Enqueue(Attributes(resourceMetrics.Resource));
            }

            return Results.Bytes(new ExportMetricsServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        app.MapPost("/v1/logs", async (HttpRequest request) =>
        {
            var export = ExportLogsServiceRequest.Parser.ParseFrom(await BodyAsync(request));
            foreach (var resourceLogs in export.ResourceLogs)
            {
                logResources.Enqueue(Attributes(resourceLogs.Resource));
            }

            return Results.Bytes(new ExportLogsServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        await app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Dictionary<string, string> Attributes(Resource? resource) =>
        (resource?.Attributes ?? []).ToDictionary(a => a.Key, a => Text(a.Value));

    private static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        _ => value.ToString(),
    };
}
