using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using BloodDonor = RedCross.Campaign.Domain.BloodDonor;

namespace RedCross.Campaign.Data;

/// <summary>Bulk import of donor lists: each row is checked exactly as CreateBloodDonor checks it, then valid rows are
/// written in batches with prepared commands (donors and their audit entries in one transaction). A row that is the
/// same person as an existing donor or an earlier row (same name without diacritics, birth date and home unit)
/// creates nothing, so a list imported twice is harmless.</summary>
internal sealed class DonorImport(CampaignDb db, IReadOnlyDictionary<string, ReplicatedOrgUnit> units, Caller caller, string method, TimeProvider clock)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public async Task<ImportBloodDonorsResponse> RunAsync(IAsyncEnumerable<ImportBloodDonorRow> rows, CancellationToken cancellationToken)
    {
        var tally = await new BatchedImport<BloodDonor>(WriteAsync).RunAsync(rows, Check, cancellationToken);
        return new ImportBloodDonorsResponse
        {
            RowsReceived = tally.RowsReceived,
            Created = tally.Created,
            Duplicates = tally.Duplicates,
            Failed = tally.Failed,
            Errors = { tally.Errors.Select(e => new DonorImportError { RowNumber = e.Row, Field = e.Violation.Field, Reason = e.Violation.Description }) },
        };
    }

    /// <summary>A donor as sent, in the plain values <see cref="DonorDraft.Check"/> takes (an import row's and
    /// CreateBloodDonor's alike).</summary>
    public static DonorDraft.Fields FieldsOf(Contracts.Campaign.V1.BloodDonor? d)
    {
        d ??= new Contracts.Campaign.V1.BloodDonor();
        return new(d.FullName, d.BirthDate, d.Sex, d.WeightKg, d.BloodGroup, d.OrgUnit, d.Phone);
    }

    private BloodDonor? Check(ImportBloodDonorRow row, ImportTally tally)
    {
        var number = tally.RowNumber(row.RowNumber);
        var today = clock.VietnamToday();
        var input = new Input(today);
        var draft = DonorDraft.Check(input, "donor", FieldsOf(row.Donor));
        if (draft is null)
        {
            return tally.Fail<BloodDonor>(number, input.Violations);
        }

        // Unknown, out of scope and closed units are refused in the order CreateBloodDonor uses, so a refusal never
        // tells a caller about a unit it may not see.
        if (!units.TryGetValue(draft.OrgUnitCode, out var unit) || !caller.CanSee(unit.Path))
        {
            return tally.Fail<BloodDonor>(number, [new FieldViolation("donor.org_unit",
                unit is null ? $"unknown org unit '{draft.OrgUnitCode}'" : $"'{unit.Code}' is outside your scope")]);
        }

        if (unit.ValidFrom > today || unit.ValidTo < today)
        {
            return tally.Fail<BloodDonor>(number, [new FieldViolation("donor.org_unit", $"org unit '{unit.Code}' is not open today")]);
        }

        var donor = draft.ToDonor(Guid.CreateVersion7(), unit.Path, today);
        return seen.Add(Key(donor)) ? donor : tally.Duplicate<BloodDonor>();
    }

    /// <summary>Writes the rows no earlier import or registration created, with their audit entries, in one transaction.</summary>
    private async Task<int> WriteAsync(IReadOnlyList<BloodDonor> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        var now = clock.GetUtcNow();
        var created = 0;
        using (var exists = sqlite.Connection!.CreateCommand())
        using (var insert = new PreparedInsert<BloodDonor>(db, sqlite))
        using (var audit = new AuditBulkWriter(db, sqlite, db.AuditEnabled))
        {
            exists.Transaction = sqlite;
            exists.CommandText = "SELECT EXISTS (SELECT 1 FROM blood_donors WHERE SearchName = $p0 AND BirthDate = $p1 AND OrgUnitCode = $p2)";
            var parameters = new[] { "$p0", "$p1", "$p2" }.Select(p => exists.Parameters.Add(p, SqliteType.Text)).ToArray();
            exists.Prepare();
            foreach (var donor in batch)
            {
                parameters[0].Value = donor.SearchName;
                parameters[1].Value = donor.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                parameters[2].Value = donor.OrgUnitCode;
                if ((long)exists.ExecuteScalar()! == 1)
                {
                    continue;
                }

                insert.Add(donor);
                audit.Add(DonorAuditTrail.Created(donor, caller, method, now));
                created++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    private static string Key(BloodDonor d) => $"{d.SearchName}|{d.BirthDate:yyyy-MM-dd}|{d.OrgUnitCode}";
}
