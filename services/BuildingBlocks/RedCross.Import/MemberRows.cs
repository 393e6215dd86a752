using System.Globalization;
using RedCross.Contracts.Membership.V1;
namespace RedCross.Import;

/// <summary>The members file (`rc members import`, the console's import page): its columns, and a checked file row
/// turned into an import row. Rows the file reader refused are reported by the caller and never sent.</summary>
public static class MemberRows
{
    public static readonly ImportColumn[] Columns =
    [
        new("full_name", ColumnKind.Text, Required: true),
        new("birth_date", ColumnKind.Date, Required: true),
        new("sex", ColumnKind.Text, Required: true),
        new("national_id", ColumnKind.Text),
        new("phone", ColumnKind.Phone),
        new("address", ColumnKind.Text),
        new("org_unit", ColumnKind.Text, Required: true),
        new("joined_date", ColumnKind.Date),
        new("volunteer", ColumnKind.Text),
    ];

    public static ImportMemberRow ToImport(ImportRow row) => new()
    {
        RowNumber = row.RowNumber,
        Member = new RegisterMemberRequest
        {
            FullName = row.Text("full_name"),
            // The API takes ISO dates; the file may have had dd/MM/yyyy.
            BirthDate = Iso(row.Date("birth_date")),
            Sex = row.Text("sex"),
            NationalId = row.Text("national_id"),
            Phone = row.Text("phone"),
            Address = row.Text("address"),
            OrgUnit = row.Text("org_unit"),
            JoinedDate = Iso(row.Date("joined_date")),
            Volunteer = row.Text("volunteer").ToLowerInvariant() is "true" or "1" or "yes" or "x" or "có",
        },
    };

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
