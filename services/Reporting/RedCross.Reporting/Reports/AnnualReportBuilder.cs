using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Reporting.V1;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
using RedCross.Reporting.Projections;

namespace RedCross.Reporting.Reports;

/// <summary>Assembles the annual report of a unit as data: the year's indicators over its subtree as it stood, the
/// sections other sources contribute, the difficulties the figures reveal, and the directions for the next year.</summary>
internal sealed class AnnualReportBuilder(ReportingDb db)
{
    public async Task<AnnualReport> BuildAsync(ReplicatedOrgUnit unit, int year, CancellationToken ct)
    {
        var period = Period.Year(year);
        var yearEnd = period.To;
        var values = await IndicatorQuery.ComputeAsync(db, unit, period, ct);
        var lastYear = await IndicatorQuery.ComputeAsync(db, unit, Period.Year(year - 1), ct);
        var codes = await OrgReplica.OrgReplica.SubtreeCodesAsync(db, unit.Path, period.From, period.To, ct);
        var parent = unit.ParentCode is null ? null : await OrgReplica.OrgReplica.FindAsync(db, unit.ParentCode, ct);

        var report = new AnnualReport
        {
            OrgUnit = unit.Code,
            OrgUnitName = unit.NameOn(yearEnd),
            ParentUnitName = parent?.NameOn(yearEnd) ?? string.Empty,
            Year = year,
            TitleVi = $"Tổng kết công tác Hội Chữ thập đỏ năm {year} và phương hướng nhiệm vụ năm {year + 1}",
            TitleEn = $"Summary of the Red Cross Society's work in {year} and directions and tasks for {year + 1}",
            Indicators = { ToProto(values) },
            PreviousYearIndicators = { ToProto(lastYear) },
            Areas = { SectionOne.Write(year, values, lastYear).Select(a => new ReportArea { Code = a.Code, TitleVi = a.TitleVi, TitleEn = a.TitleEn, TextVi = a.Vi, TextEn = a.En }) },
            ChildUnits = { await ChildUnitsAsync(unit, period, ct) },
            Directions = await DirectionsAsync(unit.Code, year, values, lastYear, ct),
            Months = { await MonthsAsync(codes, year, ct) },
        };

        foreach (var section in ReportingSources.All.OfType<IProgrammeSection>())
        {
            report.Programmes.AddRange((await section.ProgrammesAsync(db, codes, period, ct)).Select(p => new ReportProgramme
            {
                Campaign = p.Campaign,
                Type = p.Type,
                Partners = { p.Partners },
                Sponsors = { p.Sponsors },
                Beneficiaries = p.Beneficiaries,
                Visits = p.Visits,
                ValueVnd = p.ValueVnd,
                CommunicationSessions = p.CommunicationSessions,
                BloodDonations = p.BloodDonations,
                BloodVolumeMl = p.BloodVolumeMl,
            }));
        }

        foreach (var section in ReportingSources.All.OfType<ICommendationSection>())
        {
            report.Commendations.AddRange((await section.CommendationsAsync(db, codes, period, ct)).Select(c => new ReportCommendation
            {
                Issuer = c.Issuer,
                Form = c.Form,
                Movement = c.Movement,
                Collectives = c.Collectives,
                Individuals = c.Individuals,
                CashVnd = c.CashVnd,
            }));
        }

        report.Difficulties.AddRange(Difficulties.Derive(values).Select(d => new Difficulty
        {
            Code = d.Code,
            TextVi = d.Vi,
            TextEn = d.En,
            Figures = { ToProto(d.FigureCodes.ToDictionary(c => c, values.GetValueOrDefault)) },
        }));
        report.Notes.AddRange(await HandIns.NotesAsync(db, unit.Code, year, ct));
        return report;
    }

    /// <summary>The charted flows month by month, from the monthly cells the projections already keep: one grouped query
    /// over the subtree's cells of the year's twelve months.</summary>
    private async Task<List<MonthFigures>> MonthsAsync(List<string> codes, int year, CancellationToken ct)
    {
        var keys = Enumerable.Range(1, 12).Select(m => new DateOnly(year, m, 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sums = await db.Cells.AsNoTracking()
            .Where(c => keys.Contains(c.Period) && Indicators.MonthlyChartCodes.Contains(c.Code) && codes.Contains(c.OrgUnitCode))
            .GroupBy(c => new { c.Period, c.Code })
            .Select(g => new { g.Key.Period, g.Key.Code, Sum = g.Sum(c => c.Value) })
            .ToListAsync(ct);
        return [.. keys.Select((key, i) => new MonthFigures
        {
            Month = i + 1,
            Figures = { ToProto(Indicators.MonthlyChartCodes.ToDictionary(c => c, c => sums.Where(s => s.Period == key && s.Code == c).Sum(s => s.Sum))) },
        })];
    }

    /// <summary>Each child unit that existed in the year, in code order, with its own subtree's main figures.</summary>
    private async Task<List<ChildUnitFigures>> ChildUnitsAsync(ReplicatedOrgUnit unit, Period period, CancellationToken ct)
    {
        var children = await db.Set<ReplicatedOrgUnit>().AsNoTracking()
            .Where(u => u.ParentCode == unit.Code && u.ValidFrom <= period.To && (u.ValidTo == null || u.ValidTo >= period.From))
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var rows = new List<ChildUnitFigures>();
        foreach (var child in children)
        {
            var values = await IndicatorQuery.ComputeAsync(db, child, period, ct);
            rows.Add(new ChildUnitFigures
            {
                OrgUnit = child.Code,
                OrgUnitName = child.NameOn(period.To),
                Recorded = values.Values.Any(v => v != 0),
                Figures = { ToProto(Indicators.ChildUnitColumns.ToDictionary(c => c, values.GetValueOrDefault)) },
            });
        }

        return rows;
    }

    public async Task<AnnualReportDirections> DirectionsAsync(string unitCode, int year, IReadOnlyDictionary<string, long> values,
        IReadOnlyDictionary<string, long> lastYear, CancellationToken ct)
    {
        var saved = await db.Directions.AsNoTracking().FirstOrDefaultAsync(d => d.OrgUnitCode == unitCode && d.Year == year, ct);
        var directions = new AnnualReportDirections
        {
            OrgUnit = unitCode,
            Year = year,
            Text = saved?.Text ?? string.Empty,
            UpdatedBy = saved?.UpdatedBy ?? string.Empty,
            UpdatedAt = saved is null ? null : Timestamp.FromDateTimeOffset(saved.UpdatedAt),
        };
        directions.SuggestedTargets.AddRange(TargetSuggestions.For(year, values, lastYear).Select(s => new SuggestedTarget
        {
            Code = s.Code,
            Value = s.Value,
            LabelVi = Indicators.Of(s.Code).Vi,
            LabelEn = Indicators.Of(s.Code).En,
            BasisVi = s.BasisVi,
            BasisEn = s.BasisEn,
        }));
        return directions;
    }

    public static IEnumerable<Indicator> ToProto(IReadOnlyDictionary<string, long> values) =>
        Indicators.Catalog.Where(i => values.ContainsKey(i.Code)).Select(i => new Indicator
        {
            Code = i.Code,
            Value = values[i.Code],
            LabelVi = i.Vi,
            LabelEn = i.En,
        });
}
