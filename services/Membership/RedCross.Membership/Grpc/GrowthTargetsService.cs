using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Membership;
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
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var wanted = (int)input.Range("new_members", request.NewMembers, 0, 10_000_000);
        input.ThrowIfInvalid();

        var unit = await OrgTree.RequireAsync(db, unitCode!, "org_unit", ct);
        caller.EnsureCanSee(unit.Path);
        var target = await db.GrowthTargets.FirstOrDefaultAsync(t => t.OrgUnitCode == unit.Code && t.Year == year, ct);
        if (target is null)
        {
            target = new Domain.GrowthTarget { OrgUnitCode = unit.Code, Year = year };
            db.GrowthTargets.Add(target);
        }

        target.NewMembers = wanted;
        db.AddEvent(new GrowthTargetSet(Guid.CreateVersion7(), clock.GetUtcNow(), unit.Code, year, wanted));
        await db.SaveChangesAsync(ct);
        return new Contracts.Membership.V1.GrowthTarget { OrgUnit = unit.Code, Year = year, NewMembers = wanted };
    }
}
