using System.Globalization;
using System.Threading.Channels;
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
    public const int BatchSize = 1000;
    private const int MaxErrorsListed = 1000;

    private readonly HashSet<string> seenKeys = new(StringComparer.Ordinal);
    private readonly ImportMembersResponse result = new();
    private int created;
    private int existing;

    /// <summary>Reads, checks and writes the whole stream; committed batches stay if the stream breaks.</summary>
    public async Task<ImportMembersResponse> RunAsync(IAsyncEnumerable<ImportMemberRow> rows, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<Member>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(batch, cancellationToken);
            }
        }, cancellationToken);

        try
        {
            var batch = new List<Member>(BatchSize);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (Check(row) is { } member)
                {
                    batch.Add(member);
                }

                if (batch.Count == BatchSize)
                {
                    await batches.Writer.WriteAsync(batch, cancellationToken);
                    batch = new List<Member>(BatchSize);
                }
            }

            await batches.Writer.WriteAsync(batch, cancellationToken);
        }
        finally
        {
            batches.Writer.TryComplete();
            await writer;
        }

        result.Created = created;
        result.Duplicates += existing;
        return result;
    }

    /// <summary>The row as a member, or null when it is refused (reported) or repeats an earlier row.</summary>
    private Member? Check(ImportMemberRow row)
    {
        result.RowsReceived++;
        var number = row.RowNumber > 0 ? row.RowNumber : result.RowsReceived;
        var r = row.Member ?? new RegisterMemberRequest();
        var input = new Input(clock.VietnamToday());
        var draft = MemberDraft.Check(input, r.FullName, r.BirthDate, r.Sex, r.NationalId, r.Phone, r.Address, r.OrgUnit, r.JoinedDate, r.Volunteer);
        if (draft is null)
        {
            return Fail(number, input.Violations);
        }

        if (!units.TryGetValue(draft.OrgUnitCode, out var unit))
        {
            return Fail(number, [new FieldViolation("org_unit", $"unknown org unit '{draft.OrgUnitCode}'")]);
        }

        if (!caller.CanSee(unit.Path))
        {
            return Fail(number, [new FieldViolation("org_unit", $"'{unit.Code}' is outside your scope")]);
        }

        if (!unit.ExistsOn(draft.JoinedDate))
        {
            return Fail(number, [new FieldViolation("joined_date", $"org unit '{unit.Code}' does not exist on that date")]);
        }

        var member = draft.ToMember(Guid.CreateVersion7(), unit.Path);
        if (!seenKeys.Add(member.ImportKey))
        {
            result.Duplicates++;
            return null;
        }

        return member;
    }

    /// <summary>Writes the members no earlier import created, with their events, in one transaction.
    /// A member with a national ID has the import key "id:" + that ID, so one lookup covers both.</summary>
    private async Task WriteAsync(List<Member> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        var fresh = 0;
        using (var lookup = new ImportKeyLookup(connection, sqlite))
        using (var members = new MemberInsert(connection, sqlite))
        using (var outbox = new OutboxBulkWriter(connection, sqlite))
        using (var audit = new AuditBulkWriter(connection, sqlite, db.AuditEnabled))
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
        created += fresh;
        existing += batch.Count - fresh;
    }

    private Member? Fail(int row, IEnumerable<FieldViolation> violations)
    {
        result.Failed++;
        foreach (var v in violations)
        {
            if (result.Errors.Count < MaxErrorsListed)
            {
                result.Errors.Add(new ImportRowError { RowNumber = row, Field = v.Field, Reason = v.Description });
            }
        }

        return null;
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

    /// <summary>The members table's insert, in the column format EF Core uses for SQLite.</summary>
    internal sealed class MemberInsert : IDisposable
    {
        private static readonly string[] Columns =
        [
            "Id", "FullName", "SearchName", "SortKey", "BirthDate", "Sex", "NationalId", "Phone", "Address",
            "OrgUnitCode", "OrgUnitPath", "JoinedDate", "Status", "Volunteer", "ImportKey", "Version",
        ];

        internal static readonly string Sql = $"INSERT INTO members ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";

        private readonly SqliteCommand command;
        private readonly SqliteParameter[] values;

        public MemberInsert(SqliteConnection connection, SqliteTransaction transaction)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Sql;
            values = Columns.Select(c => command.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
            command.Prepare();
        }

        public void Add(Member m)
        {
            object?[] row =
            [
                m.Id.ToString().ToUpperInvariant(), m.FullName, m.SearchName, m.SortKey, Iso(m.BirthDate), m.Sex, m.NationalId, m.Phone, m.Address,
                m.OrgUnitCode, m.OrgUnitPath, Iso(m.JoinedDate), m.Status.ToString(), m.Volunteer ? 1 : 0, m.ImportKey, m.Version,
            ];
            for (var i = 0; i < row.Length; i++)
            {
                values[i].Value = row[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();

        private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
