using RedCross.Contracts.Events;
using RedCross.Messaging;
using RedCross.Reporting.Data;

namespace RedCross.Reporting.Projections;

/// <summary>The one registry of what reporting reads: each source with its own projection.</summary>
internal static class ReportingSources
{
    public static readonly IReadOnlyList<SourceProjection> All =
        [new MembershipProjection(), new ReliefProjection(), new CampaignProjection(), new AwardsProjection()];

    private static readonly Dictionary<Type, SourceProjection> ByType = All.SelectMany(p => p.EventTypes.Select(t => (t, p))).ToDictionary(x => x.t, x => x.p);

    public static SourceProjection Of(Type eventType) =>
        ByType.TryGetValue(eventType, out var projection) ? projection : throw new InvalidOperationException($"No source projects {eventType.Name}.");

    public static SourceProjection Named(string name) => All.Single(p => p.Name == name);

    /// <summary>Event types a source's contract declares that its projection neither counts nor declares
    /// "not counted": must be empty, or a new event would silently go uncounted.</summary>
    public static IEnumerable<Type> Unprojected(SourceProjection projection, IEnumerable<Type> publishedTypes) =>
        publishedTypes.Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && !t.IsAbstract).Except(projection.EventTypes);
}

/// <summary>The applier the building blocks call: routes each event to its source's projection.</summary>
internal sealed class Projector(ReportingDb db) : IEventApplier<ReportingDb>
{
    private readonly ProjectionWriter writer = new(db);

    public Task ApplyAsync(IIntegrationEvent evt, CancellationToken cancellationToken) =>
        ReportingSources.Of(evt.GetType()).ApplyAsync(evt, writer, cancellationToken);

    public Task ClearAsync(string source, CancellationToken cancellationToken) => ReportingSources.Named(source).ClearAsync(db, cancellationToken);

    public void Dispose() => writer.Dispose();
}
