using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>A unit's indicators in the formats the movement and its partners read: a DHIS2 dataValueSet (data elements
/// are the catalogue's codes, the org unit its code) and an HXL-tagged 3W CSV (who did what where: one row per unit of
/// the subtree and activity, from the unit's own records).</summary>
internal sealed class IndicatorExports(ReportingDb db)
{
    public const string Dhis2 = "dhis2";
    public const string Hxl = "hxl";

    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string> { [Dhis2] = Dhis2, [Hxl] = Hxl };

    /// <summary>The 3W activities: sector, activity, and the indicators of people reached and of value (empty: none).</summary>
    private static readonly (string Sector, string Activity, string Reached, string Value)[] Activities =
    [
        ("Relief", "Relief and gifts handed over", Indicators.ReliefBeneficiariesReached, Indicators.ReliefActivityValue),
        ("Livelihoods", "Cow bank: livestock given to households", Indicators.ReliefLivestockGiven, string.Empty),
        ("Livelihoods", "Cow bank: calves passed on", Indicators.ReliefLivestockPassedOn, string.Empty),
        ("Health", "Welfare visits to members", Indicators.WelfareVisits, Indicators.WelfareValue),
        ("Capacity building", "Red Cross training courses", Indicators.TrainingParticipants, string.Empty),
    ];

    /// <summary>DHIS2 periods: "2013", "2013S1" (six-monthly), "2013Q1", "201303".</summary>
    public static string Dhis2Period(Period period) => period.Key
        .Replace("-H", "S", StringComparison.Ordinal).Replace("-Q", "Q", StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    public static byte[] DataValueSet(string unitCode, Period period, IReadOnlyDictionary<string, long> values)
    {
        var dhisPeriod = Dhis2Period(period);
        var set = new
        {
            dataElementIdScheme = "CODE",
            orgUnitIdScheme = "CODE",
            period = dhisPeriod,
            orgUnit = unitCode,
            dataValues = Indicators.Catalog.Where(i => values.ContainsKey(i.Code)).Select(i => new
            {
                dataElement = i.Code,
                period = dhisPeriod,
                orgUnit = unitCode,
                value = values[i.Code].ToString(CultureInfo.InvariantCulture),
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(set, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public async Task<byte[]> ThreeWAsync(ReplicatedOrgUnit unit, Period period, CancellationToken ct)
    {
        var codes = await OrgReplica.OrgReplica.SubtreeCodesAsync(db, unit.Path, period.From, period.To, ct);
        var cells = await db.Cells.AsNoTracking().Where(c => c.Period == period.Key && codes.Contains(c.OrgUnitCode)).ToListAsync(ct);
        var byUnit = cells.GroupBy(c => c.OrgUnitCode).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Code, c => c.Value));
        var units = await db.Set<ReplicatedOrgUnit>().AsNoTracking().Where(u => byUnit.Keys.Contains(u.Code)).ToListAsync(ct);

        var csv = new StringBuilder();
        // The header lines are the export's own text; every cell below goes through Text or Number.
        Line(csv, ["Organisation", "Province code", "District code", "Sector", "Activity", "People reached", "Value", "Currency"]);
        Line(csv, ["#org", "#adm1+code", "#adm2+code", "#sector", "#activity", "#reached", "#value", "#currency"]);
        foreach (var u in units.OrderBy(u => u.Path, StringComparer.Ordinal))
        {
            var own = byUnit[u.Code];
            var path = u.Path.Split('/');
            foreach (var (sector, activity, reachedCode, valueCode) in Activities)
            {
                var reached = own.GetValueOrDefault(reachedCode);
                var value = valueCode.Length == 0 ? 0 : own.GetValueOrDefault(valueCode);
                if (reached == 0 && value == 0)
                {
                    continue;
                }

                Line(csv, [Text(u.NameOn(period.To)), Text(path[0]), Text(path.Length > 1 ? path[1] : string.Empty), Text(sector), Text(activity),
                    Number(reached), Number(value), Text(value == 0 ? string.Empty : "VND")]);
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void Line(StringBuilder csv, string[] cells) => csv.AppendJoin(',', cells).Append("\r\n");

    /// <summary>A text cell as a spreadsheet must show it: quoted when it holds a separator, a quote or a line break, and
    /// led by an apostrophe when it starts as a formula would (`=`, `+`, `-`, `@`, the characters the import refuses, or
    /// a tab or carriage return, which some spreadsheets skip before one). Names came from other users.</summary>
    private static string Text(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A number cell: digits (and a minus sign), never taken for text or a formula.</summary>
    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
