using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Member = RedCross.Membership.Domain.Member;
using OrgUnit = RedCross.Membership.Domain.OrgUnit;

namespace RedCross.Membership.Data;

/// <summary>Bulk import: each row is checked exactly as a registration would be, then valid rows are
/// written in batches, one transaction each, with prepared commands (members and their outbox rows
/// together) because the change tracker would cost several times the work. Checking and writing run
/// side by side: while one batch is written the next is read and checked. Bad rows are reported and
/// skipped; rows matching an existing member (same national ID, or same name, birth date and unit)
/// create nothing, so importing a file twice is harmless.</summary>
internal sealed class MemberImport(MembershipDb db, IReadOnlyDictionary<string, OrgUnit> units, Caller caller, string method, TimeProvider clock)
{
    private readonly HashSet<string> seenKeys = new(StringComparer.Ordinal);

    /// <summary>Reads, checks and writes the whole stream; committed batches stay if the stream breaks.</summary>
    public async Task<ImportMembersResponse> RunAsync(IAsyncEnumerable<ImportMemberRow> rows, CancellationToken cancellationToken)
    {
        var tally = await new BatchedImport<Member>(WriteAsync).RunAsync(rows, Check, cancellationToken);
        return new ImportMembersResponse
        {
            RowsReceived = tally.RowsReceived,
            Created = tally.Created,
            Duplicates = tally.Duplicates,
            Failed = tally.Failed,
            Errors = { tally.Errors.Select(e => new ImportRowError { RowNumber = e.Row, Field = e.Violation.Field, Reason = e.Violation.Description }) },
        };
    }

    /// <summary>The row as a member, or null when it is refused (reported) or repeats an earlier row.</summary>
    private Member? Check(ImportMemberRow row, ImportTally tally)
    {
        var number = tally.RowNumber(row.RowNumber);
        var r = row.Member ?? new RegisterMemberRequest();
        var input = new Input(clock.VietnamToday());
        var draft = MemberDraft.Check(input, r.FullName, r.BirthDate, r.Sex, r.NationalId, r.Phone, r.Address, r.OrgUnit, r.JoinedDate, r.Volunteer);
        if (draft is null)
        {
            return tally.Fail<Member>(number, input.Violations);
        }

        if (!units.TryGetValue(draft.OrgUnitCode, out var unit))
        {
            return tally.Fail<Member>(number, [new FieldViolation("org_unit", $"unknown org unit '{draft.OrgUnitCode}'")]);
        }

        if (!caller.CanSee(unit.Path))
        {
            return tally.Fail<Member>(number, [new FieldViolation("org_unit", $"'{unit.Code}' is outside your scope")]);
        }

        if (!unit.ExistsOn(draft.JoinedDate))
        {
            return tally.Fail<Member>(number, [new FieldViolation("joined_date", $"org unit '{unit.Code}' does not exist on that date")]);
        }

        var member = draft.ToMember(Guid.CreateVersion7(), unit.Path);
        return seenKeys.Add(member.ImportKey) ? member : tally.Duplicate<Member>();
    }

    /// <summary>Writes the members no earlier import created, with their events, in one transaction.
    /// A member with a national ID has the import key "id:" + that ID, so one lookup covers both.</summary>
    private async Task<int> WriteAsync(IReadOnlyList<Member> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        var fresh = 0;
        using (var lookup = new ImportKeyLookup(connection, sqlite))
        using (var members = new PreparedInsert<Member>(db, sqlite))
        using (var outbox = new OutboxBulkWriter(connection, sqlite))
        using (var audit = new AuditBulkWriter(db, sqlite, db.AuditEnabled))
        {
            foreach (var member in batch.Where(m => !lookup.Exists(m.ImportKey)))
            {
                members.Add(member);
                outbox.Add(IntegrationEvents.Registered(member, clock.GetUtcNow()));
                audit.Add(MemberAuditTrail.Created(member, caller, method, clock.GetUtcNow()));
                fresh++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        OutboxBulkWriter.Committed<MembershipDb>();
        return fresh;
    }

    /// <summary>An indexed point lookup per key, prepared once per batch.</summary>
    private sealed class ImportKeyLookup : IDisposable
    {
        private readonly SqliteCommand command;
        private readonly SqliteParameter key;

        public ImportKeyLookup(SqliteConnection connection, SqliteTransaction transaction)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM members WHERE ImportKey = $key)";
            key = command.Parameters.Add("$key", SqliteType.Text);
            command.Prepare();
        }

        public bool Exists(string importKey)
        {
            key.Value = importKey;
            return (long)command.ExecuteScalar()! == 1;
        }

        public void Dispose() => command.Dispose();
    }
}
