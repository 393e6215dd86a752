using Microsoft.Data.Sqlite;
using RedCross.Contracts.Events;

namespace RedCross.Messaging;

/// <summary>Appends outbox rows with one prepared command inside a bulk write's own transaction, for
/// paths (imports) where the change tracker would cost more than the work. Same rows, same atomicity
/// as <see cref="OutboxModelExtensions.AddEvent"/>.</summary>
public sealed class OutboxBulkWriter : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter id;
    private readonly SqliteParameter type;
    private readonly SqliteParameter payload;
    private readonly SqliteParameter occurredAt;
    private readonly SqliteParameter traceParent;

    internal const string Sql =
        "INSERT INTO outbox (Id, Type, Payload, OccurredAt, Attempts, Dead, TraceParent) " +
        "VALUES ($id, $type, $payload, $occurredAt, 0, 0, $traceParent)";

    public OutboxBulkWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        id = command.Parameters.Add("$id", SqliteType.Text);
        type = command.Parameters.Add("$type", SqliteType.Text);
        payload = command.Parameters.Add("$payload", SqliteType.Text);
        occurredAt = command.Parameters.Add("$occurredAt", SqliteType.Text);
        traceParent = command.Parameters.Add("$traceParent", SqliteType.Text);
        command.Prepare();
    }

    public void Add(IIntegrationEvent evt)
    {
        var row = OutboxMessage.From(evt);
        id.Value = row.Id.ToString().ToUpperInvariant();
        type.Value = row.Type;
        payload.Value = row.Payload;
        occurredAt.Value = row.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
        traceParent.Value = (object?)row.TraceParent ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    /// <summary>Wakes the relay of <typeparamref name="TContext"/> once the bulk transaction committed.</summary>
    public static void Committed<TContext>()
        where TContext : ModuleDbContext => OutboxSignal.For(typeof(TContext)).Notify();

    public void Dispose() => command.Dispose();
}
