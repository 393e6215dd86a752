using Microsoft.Data.Sqlite;

namespace RedCross.Messaging;

/// <summary>The audit trail's insert for bulk paths (imports, group-committed reads), prepared once per batch in the
/// batch's transaction, in the column formats EF Core uses for SQLite.</summary>
public sealed class AuditBulkWriter : IDisposable
{
    private static readonly string[] Columns = ["At", "Subject", "Role", "Method", "RecordKind", "RecordId", "OrgUnitPath", "Action", "Fields"];

    public static readonly string Sql = $"INSERT INTO audit_entries ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";

    private readonly SqliteCommand command;
    private readonly SqliteParameter[] values;
    private readonly bool enabled;

    /// <param name="enabled">False when the module's trail is switched off (<see cref="IAuditedDb.AuditEnabled"/>):
    /// <see cref="Add"/> then writes nothing.</param>
    public AuditBulkWriter(SqliteConnection connection, SqliteTransaction transaction, bool enabled = true)
    {
        this.enabled = enabled;
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        values = [.. Columns.Select(c => command.Parameters.Add("$" + c, SqliteType.Text))];
        command.Prepare();
    }

    public void Add(AuditEntry entry)
    {
        if (!enabled)
        {
            return;
        }

        object[] row = [SqliteFormat.Instant(entry.At), entry.Subject, entry.Role, entry.Method, entry.RecordKind, SqliteFormat.Guid(entry.RecordId),
            entry.OrgUnitPath, entry.Action, entry.Fields];
        for (var i = 0; i < row.Length; i++)
        {
            values[i].Value = row[i];
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}
