using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Messaging;

/// <summary>Base of every module's DbContext: it owns the outbox and inbox tables and wakes the
/// module's relay as soon as a SaveChanges stored events, so publishing does not wait for a poll. Every
/// <see cref="IVersioned"/> record is a concurrency token whose version moves when a change to it is saved.</summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Add(_ => new VersionedConvention());

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var hasEvents = PrepareSave();
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        WakeRelay(hasEvents);
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var hasEvents = PrepareSave();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        WakeRelay(hasEvents);
        return written;
    }

    /// <summary>Runs <paramref name="work"/> and saves its changes in one transaction that SQLite begins IMMEDIATE
    /// (Microsoft.Data.Sqlite's default), taking the write lock first: a rule that counts rows (a cap, a limit)
    /// and the insert it allows serialise with every other writer, so two callers cannot both pass it. Modules call it
    /// as <see cref="UnitOfWork.WriteAsync"/>, <c>db.WriteAsync((db, ct) =&gt; ...)</c>, the one form of a write.</summary>
    internal async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        var hasEvents = PrepareSave();
        await base.SaveChangesAsync(true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WakeRelay(hasEvents, committed: true);
        return result;
    }

    /// <summary>Counts a change kept beside <paramref name="record"/> (a row of its history, a write that set its fields to
    /// what they were) as a change of it: its version moves on save though none of its own columns changed.</summary>
    public void MarkChanged(IVersioned record) => Entry((object)record).Property(nameof(IVersioned.Version)).IsModified = true;

    /// <summary>Moves the versions and tells whether the save stores events, on one scan of the tracked entities (the
    /// save scans them again; a third scan would cost bulk writes). A versioned record with a saved change moves on by
    /// one; the token keeps the version it was read with, so a writer that read an older one fails (ETAG_MISMATCH)
    /// instead of overwriting.</summary>
    private bool PrepareSave()
    {
        ChangeTracker.DetectChanges();
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }

            return ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void WakeRelay(bool hasEvents, bool committed = false)
    {
        // Inside an explicit transaction the rows are not visible yet; the relay's poll picks them up.
        if (hasEvents && (committed || Database.CurrentTransaction is null))
        {
            OutboxSignal.For(GetType()).Notify();
        }
    }
}

/// <summary>Makes the version of every <see cref="IVersioned"/> entity its concurrency token, configured once here.</summary>
internal sealed class VersionedConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            entity.Builder.Property(typeof(int), nameof(IVersioned.Version))?.IsConcurrencyToken(true);
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
