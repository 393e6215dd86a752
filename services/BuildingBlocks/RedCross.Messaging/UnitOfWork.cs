namespace RedCross.Messaging;

/// <summary>The one form of a write: <c>db.WriteAsync((db, ct) =&gt; ...)</c>. Every read a rule depends on, the change
/// and its events run inside it, in one transaction that holds the write lock; so a later single writer can run
/// several units in a shared transaction without the handlers changing.</summary>
public static class UnitOfWork
{
    public static Task<T> WriteAsync<TDb, T>(this TDb db, Func<TDb, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        where TDb : ModuleDbContext =>
        db.WriteAsync(ct => work(db, ct), cancellationToken);
}
