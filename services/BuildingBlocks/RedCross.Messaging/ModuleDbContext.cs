using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace RedCross.Messaging;

/// <summary>Base of every module's DbContext: it owns the outbox and inbox tables and wakes the
/// module's relay as soon as a SaveChanges stored events, so publishing does not wait for a poll.</summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var hasEvents = HasNewEvents();
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        WakeRelay(hasEvents);
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var hasEvents = HasNewEvents();
        // Outside an explicit transaction, SaveChanges is a write transaction of its own: queue for the writer gate.
        var gate = Database.CurrentTransaction is null && ChangeTracker.HasChanges() ? WriterGate.For(GetType()) : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        int written;
        try
        {
            written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate?.Release();
        }

        WakeRelay(hasEvents);
        return written;
    }

    /// <summary>Runs <paramref name="work"/> and saves its changes in one transaction that SQLite begins IMMEDIATE
    /// (Microsoft.Data.Sqlite's default), taking the write lock first: a rule that counts rows (a cap, a limit)
    /// and the insert it allows serialise with every other writer, so two callers cannot both pass it.</summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var gate = WriterGate.For(GetType());
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var result = await work(cancellationToken);
            var hasEvents = HasNewEvents();
            await base.SaveChangesAsync(true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            WakeRelay(hasEvents, committed: true);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool HasNewEvents() => ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);

    private void WakeRelay(bool hasEvents, bool committed = false)
    {
        // Inside an explicit transaction the rows are not visible yet; the relay's poll picks them up.
        if (hasEvents && (committed || Database.CurrentTransaction is null))
        {
            OutboxSignal.For(GetType()).Notify();
        }
    }
}

/// <summary>Queues a module's write transactions (SaveChanges on its own, <see cref="ModuleDbContext.WriteAsync{T}"/>) in
/// the process, one at a time per DbContext type, before they ask SQLite for its write lock. SQLite admits one writer
/// at a time anyway; without the gate the others block a thread each in SQLite's busy handler, which sleeps in steps
/// of up to 100 ms and leaves the lock idle meanwhile. Writers that bypass the gate (bulk imports, the relay's
/// updates, the intake) still wait on busy_timeout as before: the gate only orders, it never replaces the lock.</summary>
internal sealed class WriterGate
{
    private static readonly ConcurrentDictionary<Type, SemaphoreSlim> Gates = new();

    public static SemaphoreSlim For(Type contextType) => Gates.GetOrAdd(contextType, _ => new SemaphoreSlim(1, 1));
}

/// <summary>Wakes the relay of one DbContext type. Missed signals only cost one poll interval.</summary>
internal sealed class OutboxSignal
{
    private static readonly ConcurrentDictionary<Type, OutboxSignal> Signals = new();

    private readonly SemaphoreSlim semaphore = new(0, 1);

    public static OutboxSignal For(Type contextType) => Signals.GetOrAdd(contextType, _ => new OutboxSignal());

    public void Notify()
    {
        try
        {
            if (semaphore.CurrentCount == 0)
            {
                semaphore.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}
