using System.Globalization;
using RedCross.OrgReplica;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>The DHIS2 metadata package of an export (see <see cref="Dhis2Export"/> for the documented format). Objects
/// carry both the stable id DHIS2 references by and the code the data value set uses; short names are the codes, which
/// are unique and within 50 characters.</summary>
internal static class Dhis2Metadata
{
    private const string Disaggregation = "DISAGGREGATION";

    public static object Package(IReadOnlyList<ReplicatedOrgUnit> units, Period period)
    {
        var categories = Dhis2Mapping.Categories.ToList();
        var dataSetCode = "rc.indicators." + Dhis2Export.PeriodType(period).ToLowerInvariant();
        var inPackage = units.Select(u => u.Code).ToHashSet();
        return new
        {
            categoryOptions = categories.SelectMany(c => c.Options).Select(o => new
            {
                id = Id("categoryOption", o.Code), code = o.Code, name = o.Name, shortName = o.Code,
            }),
            categories = categories.Select(c => new
            {
                id = Id("category", c.Code), code = c.Code, name = c.Name, shortName = c.Code, dataDimensionType = Disaggregation,
                categoryOptions = c.Options.Select(o => Ref("categoryOption", o.Code)),
            }),
            categoryCombos = categories.Select(c => new
            {
                id = Id("categoryCombo", c.Code), code = c.Code, name = c.Name, dataDimensionType = Disaggregation,
                categories = new[] { Ref("category", c.Code) },
            }),
            categoryOptionCombos = categories.SelectMany(c => c.Options.Select(o => new
            {
                id = Id("categoryOptionCombo", o.Code), code = o.Code, name = o.Name,
                categoryCombo = Ref("categoryCombo", c.Code),
                categoryOptions = new[] { Ref("categoryOption", o.Code) },
            })),
            dataElements = Dhis2Mapping.Elements.Select(e => new
            {
                id = Id("dataElement", e.Code), code = e.Code, name = e.Indicator.Vi, shortName = e.Code, description = e.Indicator.En,
                domainType = "AGGREGATE",
                valueType = e.Indicator.Unit == IndicatorUnit.Count ? "INTEGER" : "NUMBER",
                aggregationType = e.AggregationType,
                zeroIsSignificant = true,
                categoryCombo = e.Category is { } c ? Ref("categoryCombo", c.Code) : null,
            }),
            dataSets = new[]
            {
                new
                {
                    id = Id("dataSet", dataSetCode), code = dataSetCode, shortName = dataSetCode,
                    name = $"Chỉ tiêu Hội Chữ thập đỏ ({Dhis2Export.PeriodType(period)}) / Red Cross indicators",
                    periodType = Dhis2Export.PeriodType(period),
                    dataSetElements = Dhis2Mapping.Elements.Select(e => new { dataElement = Ref("dataElement", e.Code) }),
                    organisationUnits = units.Select(u => Ref("organisationUnit", u.Code)),
                },
            },
            organisationUnits = units.Select(u =>
            {
                var name = u.NameOn(period.To);
                return new
                {
                    id = Id("organisationUnit", u.Code), code = u.Code, name, shortName = name.Length <= Dhis2Mapping.MaxCodeLength ? name : name[..Dhis2Mapping.MaxCodeLength],
                    openingDate = Date(u.ValidFrom),
                    closedDate = u.ValidTo is { } closed ? Date(closed) : null,
                    parent = u.ParentCode is { } parent && inPackage.Contains(parent) ? Ref("organisationUnit", parent) : null,
                };
            }),
        };
    }

    private static string Id(string kind, string code) => Dhis2Mapping.Uid(kind, code);

    private static object Ref(string kind, string code) => new { id = Id(kind, code) };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
