using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Messaging;

/// <summary>One read or change of a person's record (Decree 13/2023/NĐ-CP): who, when, through which call, which
/// record and which fields. Append-only: the table refuses updates and deletes (triggers), and it holds no
/// personal data itself, so anonymising a person leaves the trail as it was.</summary>
public sealed class AuditEntry
{
    public const string Read = "read";
    public const string Change = "change";

    /// <summary>Position in the trail (SQLite rowid): the order entries were written in.</summary>
    public long Position { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The caller's `sub` claim.</summary>
    public string Subject { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>The full gRPC method name, for example /redcross.membership.v1.Members/GetMember.</summary>
    public string Method { get; set; } = string.Empty;

    /// <summary>What kind of record <see cref="RecordId"/> names ("member", "beneficiary"): a module may keep
    /// several kinds of personal record in one trail.</summary>
    public string RecordKind { get; set; } = string.Empty;

    /// <summary>The record read or changed.</summary>
    public Guid RecordId { get; set; }

    /// <summary>Path of the record's unit at the time, so the trail can be filtered to a subtree.</summary>
    public string OrgUnitPath { get; set; } = string.Empty;

    /// <summary><see cref="Read"/> or <see cref="Change"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Field names as the API spells them, comma-separated; a masked field read is prefixed "masked:".</summary>
    public string Fields { get; set; } = string.Empty;

    public IReadOnlyList<string> FieldList => Fields.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The record an entry is about: its kind, id and the path of its unit now.</summary>
public readonly record struct AuditedRecord(string Kind, Guid Id, string OrgUnitPath);

/// <summary>A module DbContext that keeps an audit trail (<see cref="AuditTrailModelExtensions.AddAuditTrail"/>).</summary>
public interface IAuditedDb
{
    /// <summary>False only when a benchmark switched the trail off (`&lt;Module&gt;:Audit:Enabled=false`).</summary>
    bool AuditEnabled { get; }
}

public static class AuditTrailModelExtensions
{
    /// <summary>Adds the audit trail's table to a module's model. Its migration must also call
    /// <see cref="CreateAppendOnlyTriggers"/>: EF Core has no model for triggers.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder model)
    {
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Position);
            e.HasIndex(x => new { x.RecordId, x.Position });
            e.Ignore(x => x.FieldList);
        });
        return model;
    }

    /// <summary>The trail is append-only in the database itself, not only by convention in the code.</summary>
    public static void CreateAppendOnlyTriggers(this MigrationBuilder migration)
    {
        migration.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;");
        migration.Sql("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;");
    }
}

/// <summary>Builds audit entries and adds change entries to the DbContext, so they are saved with the change they
/// describe (same transaction). Read entries go through <see cref="AuditReads{TContext}"/>.</summary>
public static class AuditTrail
{
    /// <summary>The fields a caller who may not read personal data sees masked (see each module's mapping).</summary>
    public const string MaskedPrefix = "masked:";

    public static AuditEntry Entry(string method, Caller caller, AuditedRecord record, string action, IEnumerable<string> fields, DateTimeOffset at) => new()
    {
        At = at, Subject = caller.Subject, Role = caller.Role, Method = method, RecordKind = record.Kind, RecordId = record.Id,
        OrgUnitPath = record.OrgUnitPath, Action = action, Fields = string.Join(',', fields),
    };

    /// <summary>The entry for a read: <paramref name="plain"/> fields as they are, <paramref name="personal"/> ones
    /// prefixed "masked:" when the caller saw them masked.</summary>
    public static AuditEntry Read(ServerCallContext context, Caller caller, AuditedRecord record, IEnumerable<string> plain, IEnumerable<string> personal, DateTimeOffset at) =>
        Entry(context.Method, caller, record, AuditEntry.Read,
            plain.Concat(caller.Can(Permission.ReadPersonalData) ? personal : personal.Select(f => MaskedPrefix + f)), at);

    /// <summary>Adds a change entry to <paramref name="db"/>'s pending changes.</summary>
    public static void Changed<TContext>(TContext db, ServerCallContext context, Caller caller, AuditedRecord record, IEnumerable<string> fields, DateTimeOffset at)
        where TContext : DbContext, IAuditedDb
    {
        if (db.AuditEnabled)
        {
            db.Set<AuditEntry>().Add(Entry(context.Method, caller, record, AuditEntry.Change, fields, at));
        }
    }
}
