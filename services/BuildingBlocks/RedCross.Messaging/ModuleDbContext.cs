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
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        WakeRelay(hasEvents);
        return written;
    }

    /// <summary>Runs <paramref name="work"/> and saves its changes in one transaction that SQLite begins IMMEDIATE
    /// (Microsoft.Data.Sqlite's default), taking the write lock first: a rule that counts rows (a cap, a limit)
    /// and the insert it allows serialise with every other writer, so two callers cannot both pass it.</summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        var hasEvents = HasNewEvents();
        await base.SaveChangesAsync(true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WakeRelay(hasEvents, committed: true);
        return result;
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
