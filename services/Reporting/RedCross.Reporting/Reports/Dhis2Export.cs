using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>A subtree's figures for DHIS2: one data value set holding every unit's own values, and the metadata package that
/// defines everything the values refer to.
/// Checked against DHIS2's Web API documentation ("Data values", /api/dataValueSets; "Metadata" import, /api/metadata):
/// a data value carries dataElement, period, orgUnit, categoryOptionCombo (omitted: the default combo) and value as a
/// string; attributeOptionCombo is omitted (the default); values of several org units go in one set with the orgUnit on
/// each value; idScheme / dataElementIdScheme / orgUnitIdScheme / categoryOptionComboIdScheme CODE make DHIS2 read the
/// references as codes; periods are ISO: yearly "2013", six-monthly "2013S1", quarterly "2013Q1", monthly "201303". A
/// metadata package is one JSON object with an array per type (categoryOptions, categories, categoryCombos,
/// categoryOptionCombos, dataElements, dataSets, organisationUnits) whose references are by id; names are at most 230
/// characters, codes and short names at most 50; aggregationType is one of DHIS2's (SUM, LAST, NONE here).</summary>
internal static class Dhis2Export
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>DHIS2 periods: "2013", "2013S1" (six-monthly), "2013Q1", "201303".</summary>
    public static string Period(Period period) => period.Key
        .Replace("-H", "S", StringComparison.Ordinal).Replace("-Q", "Q", StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    /// <summary>DHIS2's period type of a period, for the data set.</summary>
    public static string PeriodType(Period period) => period.Key.Length switch
    {
        4 => "Yearly",
        _ when period.Key.Contains("-H", StringComparison.Ordinal) => "SixMonthly",
        _ when period.Key.Contains("-Q", StringComparison.Ordinal) => "Quarterly",
        _ => "Monthly",
    };

    /// <summary>Each unit's own values (zeros included for a unit that has any figure: a value corrected to zero must
    /// overwrite the one sent before, so the data elements say zero is significant).</summary>
    public static byte[] DataValueSet(IReadOnlyList<UnitFigures> units, Period period)
    {
        var dhisPeriod = Period(period);
        var set = new
        {
            idScheme = "CODE",
            dataElementIdScheme = "CODE",
            orgUnitIdScheme = "CODE",
            categoryOptionComboIdScheme = "CODE",
            period = dhisPeriod,
            dataValues = units.SelectMany(u => Indicators.Catalog
                .Where(i => u.Values.ContainsKey(i.Code) && Dhis2Mapping.Targets.ContainsKey(i.Code))
                .Select(i => new
                {
                    dataElement = Dhis2Mapping.Targets[i.Code].DataElement,
                    categoryOptionCombo = Dhis2Mapping.Targets[i.Code].CategoryOptionCombo,
                    period = dhisPeriod,
                    orgUnit = u.Unit.Code,
                    value = u.Values[i.Code].ToString(CultureInfo.InvariantCulture),
                })),
        };
        return JsonSerializer.SerializeToUtf8Bytes(set, Json);
    }

    /// <summary>The metadata the values refer to: the catalogue's data elements with their breakdowns, a data set of the
    /// period's type, and the subtree's units (the root without a parent, so it lands at the top or is moved under one).</summary>
    public static byte[] Metadata(IReadOnlyList<ReplicatedOrgUnit> units, Period period) =>
        JsonSerializer.SerializeToUtf8Bytes(Dhis2Metadata.Package(units, period), Json);
}
