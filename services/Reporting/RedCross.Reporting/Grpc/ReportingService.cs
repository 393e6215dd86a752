using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
using RedCross.Reporting.Reports;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Reporting.Grpc;

/// <summary>Indicators, the annual report (as data and as documents) and exports, over gRPC and REST (JSON transcoding
/// serves every route, the document routes included: there is no other door to these reads).</summary>
internal sealed partial class ReportingService(ReportingDb db, TimeProvider clock, ReportRenderer renderer) : Contracts.Reporting.V1.Reporting.ReportingBase
{
    /// <summary>The Vietnam Red Cross Society was founded in 1946: no report is older.</summary>
    private const int FirstYear = 1946;

    private const int MaxDirectionsLength = 20_000;

    public override async Task<AnnualReport> GetAnnualReport(GetAnnualReportRequest request, ServerCallContext context)
    {
        EnsureCanRead(context);
        var input = new Input(clock.VietnamToday());
        Year(input, request.Year);
        input.Text("org_unit", request.OrgUnit, 20);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        return await new HandIns(db).ShownAsync(unit, request.Year, context.CancellationToken);
    }

    public override async Task<HttpBody> RenderAnnualReport(RenderAnnualReportRequest request, ServerCallContext context)
    {
        EnsureCanRead(context);
        var input = new Input(clock.VietnamToday());
        Year(input, request.Year);
        input.Text("org_unit", request.OrgUnit, 20);
        var format = string.IsNullOrWhiteSpace(request.Format) ? ReportRenderer.Html : input.OneOf("format", request.Format, ReportRenderer.Formats);
        var language = string.IsNullOrWhiteSpace(request.Language) ? Figures.Vietnamese : input.OneOf("language", request.Language, Figures.Languages);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        var report = await new HandIns(db).ShownAsync(unit, request.Year, context.CancellationToken);
        // A draft is dated today, or on the last day of the year for a past year's report; an issued one by its issue
        // (DocumentForm takes that date from the issue itself).
        var yearEnd = new DateOnly(request.Year, 12, 31);
        var issuedOn = input.Today < yearEnd ? input.Today : yearEnd;
        var (data, contentType) = await renderer.RenderAsync(report, format!, language!, issuedOn);
        return new HttpBody { ContentType = contentType, Data = ByteString.CopyFrom(data) };
    }

    public override async Task<AnnualReportDirections> SetAnnualReportDirections(SetAnnualReportDirectionsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteReports);
        var input = new Input(clock.VietnamToday());
        Year(input, request.Year);
        input.Text("org_unit", request.OrgUnit, 20);
        var text = StaffTextOf(input, request.Text, MaxDirectionsLength);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        var now = clock.GetUtcNow();
        await db.WriteAsync(async (db, ct) =>
        {
            var saved = await db.Directions.FindAsync([unit.Code, request.Year], ct);
            if (saved is null)
            {
                saved = new DirectionsText { OrgUnitCode = unit.Code, Year = request.Year };
                db.Directions.Add(saved);
            }

            (saved.Text, saved.UpdatedAt, saved.UpdatedBy) = (text, now, caller.Subject);
            return true;
        }, context.CancellationToken);

        var period = Period.Year(request.Year);
        var values = await IndicatorQuery.ComputeAsync(db, unit, period, context.CancellationToken);
        var lastYear = await IndicatorQuery.ComputeAsync(db, unit, Period.Year(request.Year - 1), context.CancellationToken);
        return await new AnnualReportBuilder(db).DirectionsAsync(unit.Code, request.Year, values, lastYear, context.CancellationToken);
    }

    public override async Task<IndicatorSet> GetIndicators(GetIndicatorsRequest request, ServerCallContext context)
    {
        EnsureCanRead(context);
        var input = new Input();
        input.Text("org_unit", request.OrgUnit, 20);
        var period = PeriodOf(input, request.Period);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        var values = await IndicatorQuery.ComputeAsync(db, unit, period!, context.CancellationToken);
        return new IndicatorSet { OrgUnit = unit.Code, Period = period!.Key, Indicators = { AnnualReportBuilder.ToProto(values) } };
    }

    public override async Task<HttpBody> ExportIndicators(ExportIndicatorsRequest request, ServerCallContext context)
    {
        EnsureCanRead(context);
        var input = new Input();
        input.Text("org_unit", request.OrgUnit, 20);
        var period = PeriodOf(input, request.Period);
        var format = input.OneOf("format", request.Format, IndicatorExports.Formats);
        input.ThrowIfInvalid();

        var unit = await VisibleUnitAsync(request.OrgUnit, context);
        var (contentType, data) = await new IndicatorExports(db).ExportAsync(unit, period!, format!, context.CancellationToken);
        return new HttpBody { ContentType = contentType, Data = ByteString.CopyFrom(data) };
    }

    /// <summary>Every read of figures or documents is a permission, checked before the request is looked at: a caller
    /// without it learns nothing, not even whether a unit exists. The subtree is checked on top (<see cref="VisibleUnitAsync"/>).</summary>
    private static void EnsureCanRead(ServerCallContext context) => Caller.From(context).EnsureCan(Permission.ReadReports);

    /// <summary>Paragraphs separated by blank lines: line breaks are kept, other control characters refused.</summary>
    private static string StaffTextOf(Input input, string? value, int maxLength)
    {
        var text = (value ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > maxLength)
        {
            input.Fail("text", $"must be at most {maxLength} characters");
        }
        else if (text.Any(c => char.IsControl(c) && c != '\n'))
        {
            input.Fail("text", "must not contain control characters other than line breaks");
        }

        return text.Normalize(System.Text.NormalizationForm.FormC);
    }

    /// <summary>From the Society's founding year to next year (a plan may be drafted ahead).</summary>
    private static void Year(Input input, int year) => input.Range("year", year, FirstYear, input.Today.Year + 1);

    private static Period? PeriodOf(Input input, string text)
    {
        var period = Period.Parse(text);
        if (period is null)
        {
            input.Fail("period", "must be a year (2013), a half-year (2013-H1), a quarter (2013-Q1) or a month (2013-03), 2000-2100");
        }

        return period;
    }

    private async Task<ReplicatedOrgUnit> VisibleUnitAsync(string code, ServerCallContext context)
    {
        var unit = await OrgReplica.OrgReplica.FindAsync(db, code, context.CancellationToken)
            ?? throw new ResourceNotFoundException("OrgUnit", code, "org_unit");
        Caller.From(context).EnsureCanSee(unit.Path);
        return unit;
    }
}
