using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Reporting;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Reporting.Reports;

/// <summary>What an issue records: the number from the office's register, the date, who signs.</summary>
internal sealed record IssueDetails(string Number, DateOnly IssuedOn, string SignerName, string SignerTitle);

/// <summary>Hand-in of annual reports: the issued version is shown as it was issued, today's differences beside it as
/// amendments; issuing stores the report and writes an event to reporting's own log; the hand-in view lists a subtree's
/// units with their status.</summary>
internal sealed class HandIns(ReportingDb db)
{
    /// <summary>The report as shown: the latest issued version with the figures changed since as amendments, or the
    /// live draft (no issue, blank number) when never issued.</summary>
    public async Task<AnnualReport> ShownAsync(ReplicatedOrgUnit unit, int year, CancellationToken ct)
    {
        var latest = await LatestAsync(db, unit.Code, year, ct);
        if (latest is null)
        {
            return await new AnnualReportBuilder(db).BuildAsync(unit, year, ct);
        }

        var issued = AnnualReport.Parser.ParseFrom(latest.Report);
        var now = await FiguresNowAsync(unit, year, ct);
        issued.Amendments.AddRange(Amendments.Diff(FiguresOf(issued), now).Select(c => ToProto(c, issued)));
        return issued;
    }

    public async Task<AnnualReportIssue> IssueAsync(ReplicatedOrgUnit unit, int year, IssueDetails details, string subject,
        DateTimeOffset at, CancellationToken ct)
    {
        return await db.WriteAsync(async (db, c) =>
        {
            // Read inside the write transaction: two issues sent at once cannot both be version 1, and the figures
            // compared with the latest issue are the ones stored.
            var report = await new AnnualReportBuilder(db).BuildAsync(unit, year, c);
            var latest = await LatestAsync(db, unit.Code, year, c);
            var changed = 0;
            if (latest is not null)
            {
                changed = Amendments.Diff(FiguresOf(AnnualReport.Parser.ParseFrom(latest.Report)), FiguresOf(report)).Count;
                if (changed == 0)
                {
                    throw new RuleViolationException("REPORT_ALREADY_ISSUED",
                        $"The {year} report of {unit.Code} was issued as number {latest.Number} on {latest.IssuedOn:yyyy-MM-dd} " +
                        $"(version {latest.Version}) and no figure has changed since.");
                }

                if (await db.IssuedReports.AnyAsync(r => r.OrgUnitCode == unit.Code && r.Year == year && r.Number == details.Number, c))
                {
                    throw new ResourceConflictException("number", $"Number {details.Number} was already given to a version of this report; an amendment takes a new number.");
                }

                if (details.IssuedOn < latest.IssuedOn)
                {
                    throw new RuleViolationException("ISSUED_BEFORE_PREVIOUS_VERSION",
                        $"An amendment cannot be dated before version {latest.Version} ({latest.IssuedOn:yyyy-MM-dd}).");
                }
            }

            var row = new IssuedReport
            {
                OrgUnitCode = unit.Code,
                Year = year,
                Version = (latest?.Version ?? 0) + 1,
                Number = details.Number,
                IssuedOn = details.IssuedOn,
                SignerName = details.SignerName,
                SignerTitle = details.SignerTitle,
                IssuedAt = at,
                IssuedBy = subject,
            };
            report.Issue = IssueOf(row);
            row.Report = report.ToByteArray();
            db.IssuedReports.Add(row);
            db.AddEvent(latest is null
                ? new AnnualReportIssued(Guid.CreateVersion7(), at, unit.Code, year, row.Version, row.Number, row.IssuedOn)
                : new AnnualReportAmended(Guid.CreateVersion7(), at, unit.Code, year, row.Version, row.Number, row.IssuedOn, changed));
            return report.Issue;
        }, ct);
    }

    /// <summary>Every unit under <paramref name="unit"/> that existed in the year, in tree order, with its latest issue
    /// and whether figures changed after it.</summary>
    public async Task<List<AnnualReportHandIn>> ListAsync(ReplicatedOrgUnit unit, int year, CancellationToken ct)
    {
        var period = Period.Year(year);
        // The units below it only: the unit's own report is the one being handed in to, not a hand-in.
        var units = await OrgPath.Within(db.Set<ReplicatedOrgUnit>().AsNoTracking(), u => u.Path, unit.Path)
            .Where(u => u.Path != unit.Path && u.ValidFrom <= period.To && (u.ValidTo == null || u.ValidTo >= period.From))
            .OrderBy(u => u.Path)
            .ToListAsync(ct);
        var codes = units.Select(u => u.Code).ToList();
        var latest = (await db.IssuedReports.AsNoTracking().Where(r => r.Year == year && codes.Contains(r.OrgUnitCode)).ToListAsync(ct))
            .GroupBy(r => r.OrgUnitCode)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!);

        var rows = new List<AnnualReportHandIn>();
        foreach (var child in units)
        {
            var row = new AnnualReportHandIn
            {
                OrgUnit = child.Code,
                OrgUnitName = child.NameOn(period.To),
                Level = child.Level,
                ParentOrgUnit = child.ParentCode ?? string.Empty,
            };
            if (latest.TryGetValue(child.Code, out var issued))
            {
                var figures = FiguresOf(AnnualReport.Parser.ParseFrom(issued.Report));
                row.AmendedFigures = Amendments.Diff(figures, await FiguresNowAsync(child, year, ct)).Count;
                row.Issue = IssueOf(issued);
            }

            row.Status = HandInStatus.Of(issued is not null, row.AmendedFigures);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The staff's notes of a unit's report, in section order.</summary>
    public static async Task<IEnumerable<ReportNote>> NotesAsync(ReportingDb db, string unitCode, int year, CancellationToken ct) =>
        (await db.Notes.AsNoTracking().Where(n => n.OrgUnitCode == unitCode && n.Year == year).ToListAsync(ct))
            .OrderBy(n => n.Section, StringComparer.Ordinal)
            .Select(ToProto);

    public static ReportNote ToProto(ReportNoteText note) => new()
    {
        Section = note.Section,
        Text = note.Text,
        UpdatedAt = Timestamp.FromDateTimeOffset(note.UpdatedAt),
        UpdatedBy = note.UpdatedBy,
    };

    private static Task<IssuedReport?> LatestAsync(ReportingDb db, string unitCode, int year, CancellationToken ct) =>
        db.IssuedReports.AsNoTracking().Where(r => r.OrgUnitCode == unitCode && r.Year == year)
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);

    /// <summary>Today's figures as the report would show them (the catalogue's codes only, as issued).</summary>
    private async Task<Dictionary<string, long>> FiguresNowAsync(ReplicatedOrgUnit unit, int year, CancellationToken ct) =>
        AnnualReportBuilder.ToProto(await IndicatorQuery.ComputeAsync(db, unit, Period.Year(year), ct)).ToDictionary(i => i.Code, i => i.Value);

    private static Dictionary<string, long> FiguresOf(AnnualReport report) => report.Indicators.ToDictionary(i => i.Code, i => i.Value);

    /// <summary>Labels from the issued version when it has the code, else from the catalogue (a figure new since).</summary>
    private static ReportAmendment ToProto(FigureChange change, AnnualReport issued)
    {
        var label = issued.Indicators.FirstOrDefault(i => i.Code == change.Code);
        var known = Indicators.Catalog.FirstOrDefault(i => i.Code == change.Code);
        return new ReportAmendment
        {
            Code = change.Code,
            LabelVi = label?.LabelVi ?? known?.Vi ?? change.Code,
            LabelEn = label?.LabelEn ?? known?.En ?? change.Code,
            Issued = change.Issued,
            Now = change.Now,
            Difference = change.Difference,
        };
    }

    private static AnnualReportIssue IssueOf(IssuedReport row) => new()
    {
        Number = row.Number,
        IssuedOn = row.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        SignerName = row.SignerName,
        SignerTitle = row.SignerTitle,
        Version = row.Version,
        IssuedAt = Timestamp.FromDateTimeOffset(row.IssuedAt),
        IssuedBy = row.IssuedBy,
    };
}
