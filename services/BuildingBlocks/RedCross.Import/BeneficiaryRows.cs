using System.Globalization;
using RedCross.Contracts.Relief.V1;

namespace RedCross.Import;

/// <summary>The beneficiaries file (a district's list; `rc beneficiaries import`, the console's import page): its
/// columns, and a checked file row turned into an import row. Categories are the API's codes separated by `;` or `,` inside the cell ("poor;elderly"); registered_on is the day the
/// list was drawn up (empty: today), so a list made last year counts in last year.</summary>
public static class BeneficiaryRows
{
    public static readonly ImportColumn[] Columns =
    [
        new("full_name", ColumnKind.Text, Required: true),
        new("birth_date", ColumnKind.Date, Required: true),
        new("categories", ColumnKind.Text, Required: true),
        new("org_unit", ColumnKind.Text, Required: true),
        new("kind", ColumnKind.Text),
        new("household_size", ColumnKind.Number),
        new("sex", ColumnKind.Text),
        new("national_id", ColumnKind.Text),
        new("phone", ColumnKind.Phone),
        new("address", ColumnKind.Text),
        new("registered_on", ColumnKind.Date),
        new("confirm_different_person", ColumnKind.Text),
    ];

    public static ImportBeneficiaryRow ToImport(ImportRow row) => new()
    {
        RowNumber = row.RowNumber,
        ConfirmDifferentPerson = row.Text("confirm_different_person").ToLowerInvariant() is "true" or "1" or "yes" or "x" or "có",
        Beneficiary = new Beneficiary
        {
            // A list without a kind column is a list of people.
            Kind = row.Text("kind") is { Length: > 0 } kind ? kind.ToLowerInvariant() : "person",
            FullName = row.Text("full_name"),
            BirthDate = row.Date("birth_date")?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            Sex = row.Text("sex").ToLowerInvariant(),
            NationalId = row.Text("national_id"),
            Phone = row.Text("phone"),
            Address = row.Text("address"),
            // Out of int range or fractional: sent as 0 and refused by the server's own rule with the field named.
            HouseholdSize = row.Number("household_size") is { } size && size == decimal.Truncate(size) && size is >= 0 and <= int.MaxValue ? (int)size : 0,
            OrgUnit = row.Text("org_unit"),
            Categories = { row.Text("categories").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
            // The day the list was drawn up; empty leaves the server's default (today).
            RegisteredOn = row.Date("registered_on")?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        },
    };
}
