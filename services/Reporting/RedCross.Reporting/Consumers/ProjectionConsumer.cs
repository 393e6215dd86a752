using RedCross.Contracts.Events;
using RedCross.Messaging;
using RedCross.Reporting.Data;

namespace RedCross.Reporting.Consumers;

/// <summary>Projects batches of one membership event type; idempotent through the inbox, and kept out of
/// the way while a rebuild replaces the projections.</summary>
internal sealed class ProjectionConsumer<TEvent> : IdempotentBatchConsumer<ReportingDb, TEvent>, IDisposable
    where TEvent : class, IIntegrationEvent
{
    private readonly ProjectionGate gate;
    private readonly Projector projector;

    public ProjectionConsumer(ReportingDb db, ProjectionGate gate) : base(db)
    {
        this.gate = gate;
        projector = new Projector(db);
    }

    public void Dispose() => projector.Dispose();

    protected override string ConsumerName => ProjectionInbox.Name;

    protected override Task ApplyAsync(TEvent message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);

    protected override async ValueTask<IAsyncDisposable?> EnterAsync(CancellationToken cancellationToken) => await gate.EnterAsync(cancellationToken);
}

/// <summary>The inbox name shared by every projection consumer and the rebuild.</summary>
internal static class ProjectionInbox
{
    public const string Name = "reporting-projection";
}

/// <summary>Consumers share the gate; a rebuild takes it alone.</summary>
internal sealed class ProjectionGate
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public async Task<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new Release(semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
