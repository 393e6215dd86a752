using System.Globalization;
using RedCross.Contracts.Campaign.V1;
using RedCross.Import;

namespace RedCross.Cli;

/// <summary>The donors CSV: its columns, and a checked file row turned into an import row. Weight is kilograms with a
/// decimal point (`44.9`); sex is male or female (nam/nữ accepted).</summary>
internal static class DonorRows
{
    public static readonly ImportColumn[] Columns =
    [
        new("full_name", ColumnKind.Text, Required: true),
        new("birth_date", ColumnKind.Date, Required: true),
        new("sex", ColumnKind.Text, Required: true),
        new("weight_kg", ColumnKind.Number, Required: true),
        new("org_unit", ColumnKind.Text, Required: true),
        new("blood_group", ColumnKind.Text),
        new("phone", ColumnKind.Phone),
    ];

    public static ImportBloodDonorRow ToImport(ImportRow row) => new()
    {
        RowNumber = row.RowNumber,
        Donor = new BloodDonor
        {
            FullName = row.Text("full_name"),
            BirthDate = row.Date("birth_date")?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            Sex = row.Text("sex").ToLowerInvariant() switch
            {
                "nam" => "male",
                "nữ" or "nu" => "female",
                var other => other,
            },
            // Out of range: sent as 0 and refused by the server's own rule with the field named.
            WeightKg = row.Number("weight_kg") is { } kg && kg is > 0 and < 1000 ? (double)kg : 0,
            OrgUnit = row.Text("org_unit"),
            BloodGroup = row.Text("blood_group").ToUpperInvariant(),
            Phone = row.Text("phone"),
        },
    };
}
