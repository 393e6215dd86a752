using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RedCross.ServiceDefaults;

/// <summary>The platform's business metrics and activity source, exported by OpenTelemetry.</summary>
public static class RedCrossMetrics
{
    public const string Name = "RedCross";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("redcross.requests.refused", description: "Requests refused, by reason");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("redcross.events.published", description: "Events published from outboxes");
    private static readonly Counter<long> Consumed = Meter.CreateCounter<long>("redcross.events.consumed", description: "Events applied by idempotent consumers");
    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("redcross.events.duplicates", description: "Redelivered events skipped by inboxes");
    private static readonly Counter<long> Vnd = Meter.CreateCounter<long>("redcross.money.recorded", unit: "VND", description: "VND recorded, by kind");
    private static readonly Histogram<double> OutboxAge = Meter.CreateHistogram<double>("redcross.outbox.age", unit: "s", description: "Age of outbox rows when published");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Backlogs = new();
    private static readonly ObservableGauge<long> Backlog = Meter.CreateObservableGauge(
        "redcross.outbox.backlog", () => Backlogs.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("outbox", b.Key))),
        description: "Outbox rows not yet published, per module");
    private static readonly Histogram<double> ProjectionLag = Meter.CreateHistogram<double>("redcross.projection.lag", unit: "s", description: "Time from an event to its projection");

    public static void RequestRefused(string reason) => Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void EventPublished(string type, TimeSpan age)
    {
        Published.Add(1, new KeyValuePair<string, object?>("type", type));
        OutboxAge.Record(age.TotalSeconds);
    }

    public static void EventConsumed(string consumer, TimeSpan lag)
    {
        Consumed.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
        ProjectionLag.Record(lag.TotalSeconds);
    }

    public static void OutboxBacklog(string outbox, long pending) => Backlogs[outbox] = pending;

    public static void DuplicateSkipped(string consumer) => Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    public static void MoneyRecorded(string kind, long vnd) => Vnd.Add(vnd, new KeyValuePair<string, object?>("kind", kind));
}
