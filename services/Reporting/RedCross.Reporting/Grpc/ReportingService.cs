using Grpc.Core;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Reporting.Grpc;

/// <summary>Indicators and the annual report over gRPC and REST.</summary>
internal sealed class ReportingService(ReportingDb db) : Contracts.Reporting.V1.Reporting.ReportingBase
{
    public override async Task<AnnualReport> GetAnnualReport(GetAnnualReportRequest request, ServerCallContext context)
    {
        var input = new Input();
        input.Range("year", request.Year, 2000, 2100);
        input.Text("org_unit", request.OrgUnit, 20);
        input.ThrowIfInvalid();

        var (unit, values) = await ComputeAsync(request.OrgUnit, Period.Year(request.Year), context);
        return new AnnualReport
        {
            OrgUnit = unit.Code,
            OrgUnitName = unit.NameOn(new DateOnly(request.Year, 12, 31)),
            Year = request.Year,
            TitleVi = $"Tổng kết công tác Hội Chữ thập đỏ năm {request.Year} và phương hướng nhiệm vụ năm {request.Year + 1}",
            TitleEn = $"Summary of the Red Cross Society's work in {request.Year} and directions and tasks for {request.Year + 1}",
            Indicators = { ToProto(values) },
        };
    }

    public override async Task<IndicatorSet> GetIndicators(GetIndicatorsRequest request, ServerCallContext context)
    {
        var input = new Input();
        input.Text("org_unit", request.OrgUnit, 20);
        var period = Period.Parse(request.Period);
        if (period is null)
        {
            input.Fail("period", "must be a year (2013), a quarter (2013-Q1) or a month (2013-03), 2000-2100");
        }

        input.ThrowIfInvalid();
        var (unit, values) = await ComputeAsync(request.OrgUnit, period!, context);
        return new IndicatorSet { OrgUnit = unit.Code, Period = period!.Key, Indicators = { ToProto(values) } };
    }

    private async Task<(OrgReplica.ReplicatedOrgUnit Unit, IReadOnlyDictionary<string, long> Values)> ComputeAsync(string code, Period period, ServerCallContext context)
    {
        var unit = await OrgReplica.OrgReplica.FindAsync(db, code, context.CancellationToken)
            ?? throw new ResourceNotFoundException("OrgUnit", code, "org_unit");
        Caller.From(context).EnsureCanSee(unit.Path);
        return (unit, await IndicatorQuery.ComputeAsync(db, unit, period, context.CancellationToken));
    }

    private static IEnumerable<Indicator> ToProto(IReadOnlyDictionary<string, long> values) =>
        Indicators.Catalog.Where(i => values.ContainsKey(i.Code)).Select(i => new Indicator
        {
            Code = i.Code,
            Value = values[i.Code],
            LabelVi = i.Vi,
            LabelEn = i.En,
        });
}
