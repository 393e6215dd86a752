using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RedCross.ServiceDefaults;

/// <summary>The platform's business metrics and activity source, exported by OpenTelemetry.</summary>
public static class RedCrossMetrics
{
    public const string Name = "RedCross";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("redcross.requests.refused", unit: "{request}", description: "Requests refused, by reason");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("redcross.events.published", unit: "{event}", description: "Events published from outboxes");
    private static readonly Counter<long> Consumed = Meter.CreateCounter<long>("redcross.events.consumed", unit: "{event}", description: "Events applied by idempotent consumers");
    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("redcross.events.duplicates", unit: "{event}", description: "Redelivered events skipped by inboxes");
    private static readonly Counter<long> Vnd = Meter.CreateCounter<long>("redcross.money.recorded", unit: "{dong}", description: "Money recorded in whole Vietnamese đồng, by kind");
    private static readonly Histogram<double> OutboxAge = Meter.CreateHistogram<double>("redcross.outbox.age", unit: "s", description: "Age of outbox rows when published");
    private static readonly Counter<long> Parked = Meter.CreateCounter<long>("redcross.events.parked", unit: "{event}", description: "Events parked because they could not be applied");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Pending, double AgeSeconds, long Flagged)> Outboxes = new();
    private static readonly List<Func<IEnumerable<(string Source, long Behind, double AgeSeconds)>>> LagSources = [];
    private static readonly Histogram<double> ProjectionLag = Meter.CreateHistogram<double>("redcross.projection.lag", unit: "s", description: "Time from an event to its projection");

    /// <summary>Gauges are observed by the meter when metrics are collected; the meter keeps them alive.</summary>
    static RedCrossMetrics()
    {
        Meter.CreateObservableGauge(
            "redcross.outbox.backlog", () => Outboxes.Select(b => new Measurement<long>(b.Value.Pending, Tag("outbox", b.Key))),
            unit: "{event}", description: "Outbox rows not yet published, per module");
        Meter.CreateObservableGauge(
            "redcross.outbox.backlog.age", () => Outboxes.Select(b => new Measurement<double>(b.Value.AgeSeconds, Tag("outbox", b.Key))),
            unit: "s", description: "Age of the oldest outbox row not yet published, per module");
        Meter.CreateObservableGauge(
            "redcross.outbox.flagged", () => Outboxes.Select(b => new Measurement<long>(b.Value.Flagged, Tag("outbox", b.Key))),
            unit: "{event}", description: "Outbox rows flagged as unpublishable, per module");
        Meter.CreateObservableGauge(
            "redcross.projection.behind", () => Lags().Select(l => new Measurement<long>(l.Behind, Tag("source", l.Source))),
            unit: "{event}", description: "Positions of a source's log after the consumer's checkpoint");
        Meter.CreateObservableGauge(
            "redcross.projection.unapplied.age", () => Lags().Select(l => new Measurement<double>(l.AgeSeconds, Tag("source", l.Source))),
            unit: "s", description: "Age of the oldest event after the consumer's checkpoint");
    }

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

    /// <summary>Where an outbox stands, read by its relay at most once a second.</summary>
    public static void OutboxStanding(string outbox, (long Pending, double AgeSeconds, long Flagged) standing) => Outboxes[outbox] = standing;

    /// <summary>A consuming module's per-source lag, read when metrics are collected.</summary>
    public static void ObserveProjectionLag(Func<IEnumerable<(string Source, long Behind, double AgeSeconds)>> lags)
    {
        lock (LagSources)
        {
            LagSources.Add(lags);
        }
    }

    public static void EventsParked(string consumer, long count) => Parked.Add(count, Tag("consumer", consumer));

    private static List<(string Source, long Behind, double AgeSeconds)> Lags()
    {
        lock (LagSources)
        {
            return LagSources.SelectMany(l => l()).ToList();
        }
    }

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    public static void DuplicateSkipped(string consumer) => Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    public static void MoneyRecorded(string kind, long vnd) => Vnd.Add(vnd, new KeyValuePair<string, object?>("kind", kind));
}
