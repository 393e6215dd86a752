using System.Diagnostics;
using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;
using static OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind;

namespace RedCross.System.Tests;

/// <summary>The deployment with OTLP export to a receiver in the test process, exporting quickly (200 ms span
/// batches, metrics every second) so a test waits seconds, not the SDK's defaults.</summary>
public sealed class TracedPlatform : Platform
{
    internal OtlpReceiver Otlp { get; } = new();

    protected override IReadOnlyDictionary<string, string> CommonEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public override async Task InitializeAsync()
    {
        await Otlp.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Otlp.DisposeAsync();
    }
}

public sealed class TracingTests(TracedPlatform platform) : IClassFixture<TracedPlatform>
{
    private static readonly string[] Services = ["gateway", "membership", "relief", "campaign", "awards", "reporting"];

    [Fact]
    public async Task One_trace_follows_a_registration_from_the_gateway_through_membership_and_RabbitMQ_into_reporting()
    {
        // The caller's own trace context, so the test knows the trace id to look for.
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        var caller = ActivitySpanId.CreateRandom().ToHexString();
        await new Members.MembersClient(platform.GatewayChannel(platform.Tokens.DistrictOfficer058)).RegisterMemberAsync(
            new RegisterMemberRequest { FullName = "Phạm Thị Vết", BirthDate = "1985-03-03", Sex = "female", OrgUnit = "01834", JoinedDate = "2016-04-04" },
            new Metadata { { "traceparent", $"00-{trace}-{caller}-01" } });

        // Walking up from reporting's projection span must reach the caller without a break: gateway server →
        // gateway client → membership server → outbox relay → MassTransit send → reporting receive/consume → apply.
        // Each process exports its spans in batches as they end, so the walk is retried until it arrives.
        var spans = await SpansOf(trace, s => Chain(s) is [.., var top] && top.ParentSpanId == caller);
        var chain = Chain(spans);
        var apply = chain[0];
        Assert.Equal(caller, chain[^1].ParentSpanId);
        Assert.Equal(["reporting", "membership", "gateway"], chain.Select(s => s.Service).Distinct());
        Assert.Contains(chain, s => s.Service == "gateway" && s.Span.Kind == Server);
        Assert.Contains(chain, s => s.Service == "membership" && s.Span.Kind == Server && s.Span.Name.Contains("RegisterMember", StringComparison.Ordinal));
        Assert.Contains(chain, s => s.Service == "membership" && s.Span.Kind == Producer && s.Span.Name == "outbox publish MemberRegistered");
        Assert.Contains(chain, s => s.Service == "reporting" && s.Span.Kind == Consumer);

        // A batch of several messages can have only one parent: the publish of each is linked.
        Assert.Contains(apply.Span.Links, l => Convert.ToHexStringLower(l.TraceId.Span) == trace);

        foreach (var span in spans)
        {
            AssertDescribed(span.Resource, span.Service);
        }
    }

    [Fact]
    public async Task Every_process_exports_metrics_and_logs_with_its_name_version_and_environment()
    {
        var metrics = await Eventually.Until(
            () => Task.FromResult(platform.Otlp.MetricResources.GroupBy(r => r.GetValueOrDefault("service.name", "?")).ToDictionary(g => g.Key, g => g.First())),
            seen => Services.All(seen.ContainsKey), TimeSpan.FromSeconds(30), "metrics from every service");
        var logs = await Eventually.Until(
            () => Task.FromResult(platform.Otlp.LogResources.GroupBy(r => r.GetValueOrDefault("service.name", "?")).ToDictionary(g => g.Key, g => g.First())),
            seen => Services.All(seen.ContainsKey), TimeSpan.FromSeconds(30), "logs from every service");
        foreach (var service in Services)
        {
            AssertDescribed(metrics[service], service);
            AssertDescribed(logs[service], service);
        }
    }

    /// <summary>Reporting's projection span and its ancestors, nearest first; empty until the projection span arrived.</summary>
    private static List<ReceivedSpan> Chain(List<ReceivedSpan> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        var chain = new List<ReceivedSpan>();
        for (var span = spans.FirstOrDefault(s => s.Service == "reporting" && s.Span.Name == "apply MemberRegistered");
             span is not null;
             span = byId.GetValueOrDefault(span.ParentSpanId))
        {
            chain.Add(span);
        }

        return chain;
    }

    private static void AssertDescribed(IReadOnlyDictionary<string, string> resource, string service)
    {
        Assert.True(resource.TryGetValue("service.version", out var version) && version.Length > 0, $"{service} has no service.version");
        Assert.Equal("development", resource.GetValueOrDefault("deployment.environment"));
    }

    /// <summary>The spans of <paramref name="trace"/> once <paramref name="complete"/> holds; on a timeout, says what arrived.</summary>
    private async Task<List<ReceivedSpan>> SpansOf(string trace, Func<List<ReceivedSpan>, bool> complete)
    {
        try
        {
            return await Eventually.Until(() => Task.FromResult(platform.Otlp.Spans.Where(s => s.TraceId == trace).ToList()), complete, TimeSpan.FromSeconds(60), "an unbroken chain from the caller to reporting");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Trace {trace} incomplete; spans received:\n{string.Join('\n', platform.Otlp.Spans)}");
            throw;
        }
    }
}
