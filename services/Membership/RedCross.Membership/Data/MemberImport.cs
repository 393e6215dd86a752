using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Domain;
using RedCross.Membership.Grpc;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Member = RedCross.Membership.Domain.Member;
using OrgUnit = RedCross.Membership.Domain.OrgUnit;

namespace RedCross.Membership.Data;

/// <summary>Bulk import: each row is checked exactly as a registration would be, then valid rows are
/// written in batches, one transaction each, with prepared commands (members and their outbox rows
/// together) because the change tracker would cost several times the work. Bad rows are reported and
/// skipped; rows matching an existing member (same national ID, or same name, birth date and unit)
/// create nothing, so importing a file twice is harmless.</summary>
internal sealed class MemberImport(MembershipDb db, IReadOnlyDictionary<string, OrgUnit> units, Caller caller)
{
    public const int BatchSize = 1000;
    private const int MaxErrorsListed = 1000;

    private readonly List<(int Row, Member Member)> pending = [];
    private readonly HashSet<string> seenKeys = new(StringComparer.Ordinal);
    private readonly ImportMembersResponse result = new();

    public int Pending => pending.Count;

    public ImportMembersResponse Result => result;

    public void Add(ImportMemberRow row)
    {
        result.RowsReceived++;
        var number = row.RowNumber > 0 ? row.RowNumber : result.RowsReceived;
        var r = row.Member ?? new RegisterMemberRequest();
        var input = new Input();
        var draft = MemberDraft.Check(input, r.FullName, r.BirthDate, r.Sex, r.NationalId, r.Phone, r.Address, r.OrgUnit, r.JoinedDate, r.Volunteer);
        if (draft is null)
        {
            Fail(number, input.Violations);
            return;
        }

        if (!units.TryGetValue(draft.OrgUnitCode, out var unit))
        {
            Fail(number, [new FieldViolation("org_unit", $"unknown org unit '{draft.OrgUnitCode}'")]);
            return;
        }

        if (!caller.CanSee(unit.Path))
        {
            Fail(number, [new FieldViolation("org_unit", $"'{unit.Code}' is outside your scope")]);
            return;
        }

        if (!unit.ExistsOn(draft.JoinedDate))
        {
            Fail(number, [new FieldViolation("joined_date", $"org unit '{unit.Code}' does not exist on that date")]);
            return;
        }

        var member = draft.ToMember(Guid.CreateVersion7(), unit.Path);
        if (!seenKeys.Add(member.ImportKey))
        {
            result.Duplicates++;
            return;
        }

        pending.Add((number, member));
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var keys = pending.Select(p => p.Member.ImportKey).ToList();
        var existing = (await db.Members.AsNoTracking().Where(m => keys.Contains(m.ImportKey)).Select(m => m.ImportKey).ToListAsync(cancellationToken)).ToHashSet();
        var nationalIds = pending.Where(p => p.Member.NationalId is not null).Select(p => p.Member.NationalId!).ToList();
        var takenIds = (await db.Members.AsNoTracking().Where(m => nationalIds.Contains(m.NationalId!)).Select(m => m.NationalId!).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = pending.Where(p => !existing.Contains(p.Member.ImportKey) && (p.Member.NationalId is null || !takenIds.Contains(p.Member.NationalId))).ToList();
        result.Duplicates += pending.Count - fresh.Count;
        pending.Clear();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        using (var members = new MemberInsert(connection, sqlite))
        using (var outbox = new OutboxBulkWriter(connection, sqlite))
        {
            foreach (var (_, member) in fresh)
            {
                members.Add(member);
                outbox.Add(Mapping.Registered(member));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        OutboxBulkWriter.Committed<MembershipDb>();
        result.Created += fresh.Count;
    }

    private void Fail(int row, IEnumerable<FieldViolation> violations)
    {
        result.Failed++;
        foreach (var v in violations)
        {
            if (result.Errors.Count < MaxErrorsListed)
            {
                result.Errors.Add(new ImportRowError { RowNumber = row, Field = v.Field, Reason = v.Description });
            }
        }
    }

    /// <summary>The members table's insert, in the column format EF Core uses for SQLite.</summary>
    private sealed class MemberInsert : IDisposable
    {
        private static readonly string[] Columns =
        [
            "Id", "FullName", "SearchName", "SortKey", "BirthDate", "Sex", "NationalId", "Phone", "Address",
            "OrgUnitCode", "OrgUnitPath", "JoinedDate", "Status", "Volunteer", "ImportKey", "Version",
        ];

        private readonly SqliteCommand command;
        private readonly SqliteParameter[] values;

        public MemberInsert(SqliteConnection connection, SqliteTransaction transaction)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO members ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
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
