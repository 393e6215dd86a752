using Microsoft.EntityFrameworkCore;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>An HXL-tagged 3W table (who did what where): one row per unit of the subtree and activity, from the unit's own
/// records. Places are the admin areas' GSO codes the units carry (province 2 digits, district 3, commune 5), placed by
/// their length, from the unit or the nearest unit above that has one; a unit without an admin area (a school bloc, an
/// agency) leaves them empty, and its Red Cross code is always in its own column (#org+code), never passed off as a
/// place. Counts of people are #reached, with the women and the men among them (#reached+f, #reached+m) where the
/// figure is broken down by sex; counts of anything else (animals) are #output. The dates are the period, cut to
/// the unit's life.</summary>
internal sealed class HxlThreeW(ReportingDb db)
{
    /// <summary>The 3W activities: sector, activity, the indicator counted, whether it counts people, and the indicator of
    /// value (empty: none).</summary>
    private static readonly (string Sector, string Activity, string Count, bool People, string Value)[] Activities =
    [
        ("Relief", "Relief and gifts handed over", Indicators.ReliefBeneficiariesReached, true, Indicators.ReliefActivityValue),
        ("Livelihoods", "Cow bank: livestock given to households", Indicators.ReliefLivestockGiven, false, string.Empty),
        ("Livelihoods", "Cow bank: calves passed on", Indicators.ReliefLivestockPassedOn, false, string.Empty),
        ("Health", "Welfare visits to members", Indicators.WelfareVisits, true, Indicators.WelfareValue),
        ("Capacity building", "Red Cross training courses", Indicators.TrainingParticipants, true, string.Empty),
    ];

    public async Task<byte[]> WriteAsync(ReplicatedOrgUnit unit, Period period, CancellationToken ct)
    {
        var figures = await OwnValues.ComputeAsync(db, unit, period, ct);
        var adminCodes = await AdminCodesAsync(figures.Select(f => f.Unit).ToList(), ct);

        // The header lines are the export's own text; every cell below goes through Text, Number or Date.
        var csv = new SpreadsheetCsv()
            .Line("Organisation", "Red Cross unit code", "Province code (GSO)", "District code (GSO)", "Commune code (GSO)", "Sector", "Activity",
                "Start date", "End date", "People reached", "People reached: female", "People reached: male", "Output (not people)", "Value", "Currency")
            .Line("#org", "#org+code", "#adm1+code", "#adm2+code", "#adm3+code", "#sector", "#activity",
                "#date+start", "#date+end", "#reached", "#reached+f", "#reached+m", "#output", "#value", "#currency");
        foreach (var (u, own) in figures)
        {
            var (adm1, adm2, adm3) = adminCodes[u.Code];
            var start = u.ValidFrom > period.From ? u.ValidFrom : period.From;
            var end = u.ValidTo is { } closed && closed < period.To ? closed : period.To;
            foreach (var (sector, activity, countCode, people, valueCode) in Activities)
            {
                var count = own.GetValueOrDefault(countCode);
                var value = valueCode.Length == 0 ? 0 : own.GetValueOrDefault(valueCode);
                if (count == 0 && value == 0)
                {
                    continue;
                }

                csv.Line(SpreadsheetCsv.Text(u.NameOn(period.To)), SpreadsheetCsv.Text(u.Code), SpreadsheetCsv.Text(adm1), SpreadsheetCsv.Text(adm2),
                    SpreadsheetCsv.Text(adm3), SpreadsheetCsv.Text(sector), SpreadsheetCsv.Text(activity), SpreadsheetCsv.Date(start), SpreadsheetCsv.Date(end),
                    people ? SpreadsheetCsv.Number(count) : string.Empty, BySex(own, countCode, "female"), BySex(own, countCode, "male"),
                    people ? string.Empty : SpreadsheetCsv.Number(count),
                    SpreadsheetCsv.Number(value), SpreadsheetCsv.Text(value == 0 ? string.Empty : "VND"));
            }
        }

        return csv.ToBytes();
    }

    /// <summary>A figure's part for one sex, empty for a figure not broken down by sex.</summary>
    private static string BySex(IReadOnlyDictionary<string, long> own, string code, string sex) =>
        PeopleBreakdown.Figures.Contains(code) ? SpreadsheetCsv.Number(own.GetValueOrDefault(PeopleBreakdown.BySex(code, sex))) : string.Empty;

    /// <summary>Each unit's province, district and commune GSO codes, from the admin areas of the unit and the units above it
    /// (the nearest wins).</summary>
    private async Task<Dictionary<string, (string Adm1, string Adm2, string Adm3)>> AdminCodesAsync(List<ReplicatedOrgUnit> units, CancellationToken ct)
    {
        var lineage = units.SelectMany(u => u.Path.Split('/')).ToHashSet();
        var areas = await db.Set<ReplicatedOrgUnit>().AsNoTracking()
            .Where(u => lineage.Contains(u.Code) && u.AdminAreaCode != null)
            .ToDictionaryAsync(u => u.Code, u => u.AdminAreaCode!, ct);
        return units.ToDictionary(u => u.Code, u =>
        {
            var codes = u.Path.Split('/').Select(c => areas.GetValueOrDefault(c)).OfType<string>().ToList();
            return (Nearest(codes, 2), Nearest(codes, 3), Nearest(codes, 5));
        });

        static string Nearest(List<string> codes, int length) => codes.LastOrDefault(c => c.Length == length) ?? string.Empty;
    }
}
