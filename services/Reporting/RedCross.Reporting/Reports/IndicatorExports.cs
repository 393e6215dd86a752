using Microsoft.EntityFrameworkCore;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>A unit's indicators in the formats the movement and its partners read: a DHIS2 data value set with each unit of
/// the subtree's own values and the DHIS2 metadata package it refers to (<see cref="Dhis2Export"/>), and an HXL-tagged 3W
/// CSV (<see cref="HxlThreeW"/>).</summary>
internal sealed class IndicatorExports(ReportingDb db)
{
    public const string Dhis2 = "dhis2";
    public const string Dhis2Metadata = "dhis2-metadata";
    public const string Hxl = "hxl";

    public static readonly IReadOnlyDictionary<string, string> Formats =
        new Dictionary<string, string> { [Dhis2] = Dhis2, [Dhis2Metadata] = Dhis2Metadata, [Hxl] = Hxl };

    public async Task<(string ContentType, byte[] Data)> ExportAsync(ReplicatedOrgUnit unit, Period period, string format, CancellationToken ct)
    {
        const string Json = "application/json; charset=utf-8";
        switch (format)
        {
            case Dhis2:
                return (Json, Dhis2Export.DataValueSet(await OwnValues.ComputeAsync(db, unit, period, ct), period));
            case Dhis2Metadata:
                return (Json, Dhis2Export.Metadata(await SubtreeAsync(unit, period, ct), period));
            default:
                return ("text/csv; charset=utf-8", await new HxlThreeW(db).WriteAsync(unit, period, ct));
        }
    }

    /// <summary>The units of the subtree as it stood in the period, parents first.</summary>
    private async Task<List<ReplicatedOrgUnit>> SubtreeAsync(ReplicatedOrgUnit unit, Period period, CancellationToken ct)
    {
        var codes = await OrgReplica.OrgReplica.SubtreeCodesAsync(db, unit.Path, period.From, period.To, ct);
        var units = await db.Set<ReplicatedOrgUnit>().AsNoTracking().Where(u => codes.Contains(u.Code)).ToListAsync(ct);
        return [.. units.OrderBy(u => u.Path, StringComparer.Ordinal)];
    }
}
