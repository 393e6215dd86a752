using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Beneficiary = RedCross.Relief.Domain.Beneficiary;

namespace RedCross.Relief.Data;

/// <summary>Bulk import of beneficiary lists: each row is checked exactly as CreateBeneficiary checks it, then valid
/// rows are written in batches with prepared commands (beneficiaries, their outbox rows and audit entries in one
/// transaction). A
/// row that is the same person as an existing beneficiary or an earlier row creates nothing (see
/// <see cref="BeneficiaryMatch.SamePerson"/>), so a list imported twice is harmless.</summary>
internal sealed class BeneficiaryImport(ReliefDb db, IReadOnlyDictionary<string, ReplicatedOrgUnit> units, Caller caller, string method, TimeProvider clock)
{
    /// <summary>The national IDs seen under each name key, so far in this file (null for a row without one).</summary>
    private readonly Dictionary<string, List<string?>> seenNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> seenNationalIds = new(StringComparer.Ordinal);

    public async Task<ImportBeneficiariesResponse> RunAsync(IAsyncEnumerable<ImportBeneficiaryRow> rows, CancellationToken cancellationToken)
    {
        var tally = await new BatchedImport<Candidate>(WriteAsync).RunAsync(rows, Check, cancellationToken);
        return new ImportBeneficiariesResponse
        {
            RowsReceived = tally.RowsReceived,
            Created = tally.Created,
            Duplicates = tally.Duplicates,
            Failed = tally.Failed,
            Errors = { tally.Errors.Select(e => new ImportRowError { RowNumber = e.Row, Field = e.Violation.Field, Reason = e.Violation.Description }) },
        };
    }

    /// <summary>The row as a new beneficiary, or null when refused (reported) or the same person as an earlier row.</summary>
    private Candidate? Check(ImportBeneficiaryRow row, ImportTally tally)
    {
        var number = tally.RowNumber(row.RowNumber);
        var input = new Input(clock.VietnamToday());
        var b = row.Beneficiary ?? new Contracts.Relief.V1.Beneficiary();
        var draft = BeneficiaryDraft.Check(input, b.Kind, b.FullName, b.BirthDate, b.Sex, b.NationalId, b.Phone, b.Address,
            b.HouseholdSize, [.. b.Categories], b.OrgUnit, b.RegisteredOn);
        if (draft is null)
        {
            return tally.Fail<Candidate>(number, input.Violations);
        }

        // Unknown, out of scope and closed units are refused in the order CreateBeneficiary uses, so a refusal never
        // tells a caller about a unit it may not see.
        if (!units.TryGetValue(draft.OrgUnitCode, out var unit) || !caller.CanSee(unit.Path))
        {
            return tally.Fail<Candidate>(number, [new FieldViolation("beneficiary.org_unit",
                unit is null ? $"unknown org unit '{draft.OrgUnitCode}'" : $"'{unit.Code}' is outside your scope")]);
        }

        if (unit.ValidFrom > draft.RegisteredOn || unit.ValidTo < draft.RegisteredOn)
        {
            return tally.Fail<Candidate>(number, [new FieldViolation("beneficiary.org_unit", $"org unit '{unit.Code}' is not open on {draft.RegisteredOn:yyyy-MM-dd}")]);
        }

        var beneficiary = draft.ToBeneficiary(Guid.CreateVersion7(), unit.Path);
        var key = NameKey(beneficiary);
        if ((beneficiary.NationalId is { } id && !seenNationalIds.Add(id))
            || (seenNames.TryGetValue(key, out var ids) && ids.Any(other => BeneficiaryMatch.SamePerson(beneficiary.NationalId, other, row.ConfirmDifferentPerson))))
        {
            return tally.Duplicate<Candidate>();
        }

        (ids ??= seenNames[key] = []).Add(beneficiary.NationalId);
        return new Candidate(beneficiary, row.ConfirmDifferentPerson);
    }

    /// <summary>Writes the rows no earlier import or registration created, with their events, in one transaction.</summary>
    private async Task<int> WriteAsync(IReadOnlyList<Candidate> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        var now = clock.GetUtcNow();
        var created = 0;
        using (var existing = new Matches(sqlite))
        using (var insert = new PreparedInsert<Beneficiary>(db, sqlite))
        using (var outbox = new OutboxBulkWriter(sqlite.Connection!, sqlite))
        using (var audit = new AuditBulkWriter(db, sqlite, db.AuditEnabled))
        {
            foreach (var (beneficiary, confirmed) in batch)
            {
                if (existing.SamePerson(beneficiary, confirmed))
                {
                    continue;
                }

                insert.Add(beneficiary);
                outbox.Add(IntegrationEvents.Registered(beneficiary, now));
                audit.Add(BeneficiaryAuditTrail.Created(beneficiary, caller, method, now));
                created++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        OutboxBulkWriter.Committed<ReliefDb>();
        return created;
    }

    private static string NameKey(Beneficiary b) => $"{b.SearchName}|{b.BirthDate:yyyy-MM-dd}|{b.CommunePath}";

    private sealed record Candidate(Beneficiary Beneficiary, bool ConfirmedDifferent);

    /// <summary>The two indexed lookups of the match rule, prepared once per batch.</summary>
    private sealed class Matches : IDisposable
    {
        private readonly SqliteCommand byNationalId;
        private readonly SqliteCommand byName;

        public Matches(SqliteTransaction transaction)
        {
            byNationalId = Prepare(transaction, "SELECT EXISTS (SELECT 1 FROM beneficiaries WHERE NationalId = $p0)", 1);
            byName = Prepare(transaction, "SELECT NationalId FROM beneficiaries WHERE SearchName = $p0 AND BirthDate = $p1 AND CommunePath = $p2", 3);
        }

        public bool SamePerson(Beneficiary b, bool confirmedDifferent)
        {
            if (b.NationalId is not null)
            {
                byNationalId.Parameters[0].Value = b.NationalId;
                if ((long)byNationalId.ExecuteScalar()! == 1)
                {
                    return true;
                }
            }

            byName.Parameters[0].Value = b.SearchName;
            byName.Parameters[1].Value = b.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            byName.Parameters[2].Value = b.CommunePath;
            using var reader = byName.ExecuteReader();
            while (reader.Read())
            {
                if (BeneficiaryMatch.SamePerson(b.NationalId, reader.IsDBNull(0) ? null : reader.GetString(0), confirmedDifferent))
                {
                    return true;
                }
            }

            return false;
        }

        public void Dispose()
        {
            byNationalId.Dispose();
            byName.Dispose();
        }

        private static SqliteCommand Prepare(SqliteTransaction transaction, string sql, int parameters)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add("$p" + i, SqliteType.Text);
            }

            command.Prepare();
            return command;
        }
    }
}
