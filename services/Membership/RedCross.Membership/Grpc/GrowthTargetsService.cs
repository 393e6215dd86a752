using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Member growth targets (phát triển hội viên) per unit and year.</summary>
internal sealed class GrowthTargetsService(MembershipDb db, TimeProvider clock) : GrowthTargets.GrowthTargetsBase
{
    public override async Task<Contracts.Membership.V1.GrowthTarget> SetGrowthTarget(SetGrowthTargetRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var wanted = (int)input.Range("new_members", request.NewMembers, 0, 10_000_000);
        input.ThrowIfInvalid();

        var target = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.UnitAsync(unitCode!, "org_unit", caller, ct);
            var target = await db.GrowthTargets.FirstOrDefaultAsync(t => t.OrgUnitCode == unit.Code && t.Year == year, ct);
            if (target is null)
            {
                target = new Domain.GrowthTarget { OrgUnitCode = unit.Code, Year = year };
                db.GrowthTargets.Add(target);
            }

            target.NewMembers = wanted;
            db.AddEvent(Domain.IntegrationEvents.TargetSet(target, clock.GetUtcNow()));
            return target;
        }, context.CancellationToken);
        return ToProto(target);
    }

    public override async Task<Contracts.Membership.V1.GrowthTarget> GetGrowthTarget(GetGrowthTargetRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadActivities);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        input.ThrowIfInvalid();

        var unit = await db.UnitAsync(unitCode!, "org_unit", caller, ct);
        var target = await db.GrowthTargets.AsNoTracking().FirstOrDefaultAsync(t => t.OrgUnitCode == unit.Code && t.Year == year, ct)
            ?? throw new ResourceNotFoundException("GrowthTarget", $"{unit.Code}/{year}", "year");
        return ToProto(target);
    }

    public override async Task<ListGrowthTargetsResponse> ListGrowthTargets(ListGrowthTargetsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadActivities);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        if (request.Year != 0)
        {
            input.Range("year", request.Year, 2000, 2100);
        }

        var pageSize = input.PageSize(request.PageSize);
        var after = input.PageToken(request.PageToken) is { } token ? PageKey.Parse(token, input) : null;
        input.ThrowIfInvalid();

        var targets = db.GrowthTargets.AsNoTracking();
        if (await Facts.UnitsInScopeAsync(db, request.OrgUnit, caller, ct) is { } units)
        {
            targets = targets.Where(t => units.Contains(t.OrgUnitCode));
        }

        if (request.Year != 0)
        {
            targets = targets.Where(t => t.Year == request.Year);
        }

        if (after is { } a)
        {
            targets = targets.Where(t => string.Compare(t.OrgUnitCode, a.Unit) > 0 || (t.OrgUnitCode == a.Unit && t.Year > a.Year));
        }

        var page = await targets.OrderBy(t => t.OrgUnitCode).ThenBy(t => t.Year).Take(pageSize + 1).ToListAsync(ct);
        var response = new ListGrowthTargetsResponse { GrowthTargets = { page.Take(pageSize).Select(ToProto) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Input.EncodePageToken(new PageKey(page[pageSize - 1].OrgUnitCode, page[pageSize - 1].Year).ToString());
        }

        return response;
    }

    private static Contracts.Membership.V1.GrowthTarget ToProto(Domain.GrowthTarget t) => new() { OrgUnit = t.OrgUnitCode, Year = t.Year, NewMembers = t.NewMembers };

    /// <summary>Where a page of targets ended: the last unit code and year (codes never contain a space).</summary>
    private sealed record PageKey(string Unit, int Year)
    {
        public override string ToString() => $"{Unit} {Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        public static PageKey? Parse(string token, Input input)
        {
            var parts = token.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
            {
                return new PageKey(parts[0], year);
            }

            input.Fail("page_token", "is not a token this service issued");
            return null;
        }
    }
}
