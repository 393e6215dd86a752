using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>Adds audit entries to the DbContext, so they are saved with the change they describe (same
/// transaction) or, for reads, with the read's own save.</summary>
internal static class AuditTrail
{
    private const string PlainFields = "full_name,birth_date,sex,org_unit,joined_date,status,volunteer";

    /// <summary>The entry for a read of <paramref name="member"/>; <see cref="AuditReads"/> stores it.</summary>
    public static AuditEntry Read(ServerCallContext context, Caller caller, Member member, DateTimeOffset at) => new()
    {
        At = at, Subject = caller.Subject, Role = caller.Role, Method = context.Method, MemberId = member.Id,
        OrgUnitPath = member.OrgUnitPath, Action = AuditEntry.Read, Fields = PlainFields + (caller.Can(Permission.ReadPersonalData)
            ? ",national_id,phone,address" : ",masked:national_id,masked:phone,masked:address"),
    };

    public static void Changed(MembershipDb db, ServerCallContext context, Caller caller, Member member, IEnumerable<string> fields, DateTimeOffset at) =>
        Add(db, context, caller, member, AuditEntry.Change, string.Join(',', fields), at);

    /// <summary>The fields a registration or an import sets: the required ones and the optional ones given.</summary>
    public static IEnumerable<string> RegisteredFields(Member m) =>
        new[] { "full_name", "birth_date", "sex", "org_unit", "joined_date", "volunteer" }
            .Concat(new[] { ("national_id", m.NationalId), ("phone", m.Phone), ("address", m.Address) }.Where(f => f.Item2 is not null).Select(f => f.Item1));

    private static void Add(MembershipDb db, ServerCallContext context, Caller caller, Member member, string action, string fields, DateTimeOffset at)
    {
        if (db.AuditEnabled)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = at, Subject = caller.Subject, Role = caller.Role, Method = context.Method, MemberId = member.Id,
                OrgUnitPath = member.OrgUnitPath, Action = action, Fields = fields,
            });
        }
    }
}

/// <summary>Stores read entries with group commit: a read waits until its entries are durable (so no record is
/// shown without its trail), but the reads that arrive while one transaction is being written share the next
/// one, instead of one synchronous=FULL commit per read. The first waiter to take the lock writes everything
/// queued so far, its own entries and the others'.</summary>
internal sealed class AuditReads(IServiceScopeFactory scopes, AuditSettings settings)
{
    private readonly ConcurrentQueue<(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Done)> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);

    public async Task WriteAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (!settings.Enabled || entries.Count == 0)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue((entries, done));
        await writer.WaitAsync(cancellationToken);
        try
        {
            if (!done.Task.IsCompleted)
            {
                await FlushAsync();
            }
        }
        finally
        {
            writer.Release();
        }

        await done.Task;
    }

    private async Task FlushAsync()
    {
        var batch = new List<(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Done)>();
        while (queue.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MembershipDb>();
            // One prepared insert for every queued entry (a page of 50 members is 50 entries), not the change tracker.
            // Not the caller's token: entries queued by other reads are in this transaction too.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            using (var writer = new AuditBulkWriter((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction()))
            {
                foreach (var entry in batch.SelectMany(b => b.Entries))
                {
                    writer.Add(entry);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            batch.ForEach(b => b.Done.TrySetException(ex));
            return;
        }

        batch.ForEach(b => b.Done.TrySetResult());
    }
}

/// <summary>`Membership:Audit:Enabled` (default true). For measurement only: false lets a benchmark compare the same
/// build with and without the audit trail's writes. Never switch it off in a deployment (Decree 13/2023/NĐ-CP).</summary>
internal sealed record AuditSettings(bool Enabled);

/// <summary>The audit trail's insert for bulk imports, prepared once per batch in the batch's transaction, in the
/// column formats EF Core uses for SQLite.</summary>
internal sealed class AuditBulkWriter : IDisposable
{
    private static readonly string[] Columns = ["At", "Subject", "Role", "Method", "MemberId", "OrgUnitPath", "Action", "Fields"];

    internal static readonly string Sql = $"INSERT INTO audit_entries ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";

    private readonly SqliteCommand command;
    private readonly SqliteParameter[] values;
    private readonly bool enabled;

    public AuditBulkWriter(SqliteConnection connection, SqliteTransaction transaction, bool enabled = true)
    {
        this.enabled = enabled;
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        values = [.. Columns.Select(c => command.Parameters.Add("$" + c, SqliteType.Text))];
        command.Prepare();
    }

    public void Created(Member member, Caller caller, string method, DateTimeOffset at)
    {
        if (enabled)
        {
            Add(new AuditEntry
            {
                At = at, Subject = caller.Subject, Role = caller.Role, Method = method, MemberId = member.Id, OrgUnitPath = member.OrgUnitPath,
                Action = AuditEntry.Change, Fields = string.Join(',', AuditTrail.RegisteredFields(member)),
            });
        }
    }

    public void Add(AuditEntry entry)
    {
        object[] row = [SqliteFormat.Instant(entry.At), entry.Subject, entry.Role, entry.Method, SqliteFormat.Guid(entry.MemberId), entry.OrgUnitPath, entry.Action, entry.Fields];
        for (var i = 0; i < row.Length; i++)
        {
            values[i].Value = row[i];
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}
