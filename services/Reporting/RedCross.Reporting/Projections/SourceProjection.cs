using RedCross.Contracts.Events;
using RedCross.Messaging;
using RedCross.Reporting.Data;

namespace RedCross.Reporting.Projections;

/// <summary>How reporting counts one source's events: a handler per counted event type, the types it
/// knows but does not count, where the source's log is read, and what a rebuild of it clears. A new
/// source is a new subclass listed in <see cref="ReportingSources"/>; no other source's code changes.</summary>
internal abstract class SourceProjection
{
    private readonly Dictionary<Type, Func<IIntegrationEvent, ProjectionWriter, CancellationToken, Task>> handlers = [];
    private readonly HashSet<Type> notCounted = [];

    /// <summary>The source's name, as in `rc admin rebuild-reports --source NAME`.</summary>
    public abstract string Name { get; }

    /// <summary>Where and how the source's log is read.</summary>
    public abstract EventSource Source { get; }

    public IReadOnlyCollection<Type> Counted => handlers.Keys;

    public IReadOnlyCollection<Type> NotCounted => notCounted;

    /// <summary>Every type this projection takes from the bus and the log.</summary>
    public IReadOnlyList<Type> EventTypes => [.. handlers.Keys, .. notCounted];

    public Task ApplyAsync(IIntegrationEvent evt, ProjectionWriter writer, CancellationToken cancellationToken) =>
        handlers.TryGetValue(evt.GetType(), out var handle) ? handle(evt, writer, cancellationToken)
            : notCounted.Contains(evt.GetType()) ? Task.CompletedTask
            : throw new InvalidOperationException($"{Name} projection does not know event type {evt.GetType().Name}.");

    /// <summary>Deletes every row this source's events produced.</summary>
    public abstract Task ClearAsync(ReportingDb db, CancellationToken cancellationToken);

    protected void On<TEvent>(Action<TEvent, ProjectionWriter> handle)
        where TEvent : IIntegrationEvent => handlers[typeof(TEvent)] = (e, w, _) =>
        {
            handle((TEvent)e, w);
            return Task.CompletedTask;
        };

    protected void On<TEvent>(Func<TEvent, ProjectionWriter, CancellationToken, Task> handle)
        where TEvent : IIntegrationEvent => handlers[typeof(TEvent)] = (e, w, ct) => handle((TEvent)e, w, ct);

    /// <summary>Declares a type the source publishes that no indicator uses yet.</summary>
    protected void NotCountedYet<TEvent>()
        where TEvent : IIntegrationEvent => notCounted.Add(typeof(TEvent));
}
