using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RedCross.Messaging;

/// <summary>The audit trail's insert for bulk paths (imports, the batched flush of read entries), prepared once per batch in the
/// batch's transaction (<see cref="PreparedInsert{T}"/>).</summary>
public sealed class AuditBulkWriter(DbContext db, SqliteTransaction transaction, bool enabled = true) : IDisposable
{
    // Not prepared at all when the module's trail is switched off (IAuditedDb.AuditEnabled): Add then writes nothing.
    private readonly PreparedInsert<AuditEntry>? insert = enabled ? new PreparedInsert<AuditEntry>(db, transaction) : null;

    public void Add(AuditEntry entry) => insert?.Add(entry);

    public void Dispose() => insert?.Dispose();
}
