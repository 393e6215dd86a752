using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using OrgUnit = RedCross.Membership.Domain.OrgUnit;

namespace RedCross.Membership.Grpc;

/// <summary>Closing a unit: its current members move to the successor in the same transaction.</summary>
internal sealed partial class OrgUnitsService
{
    public override async Task<Contracts.Membership.V1.OrgUnit> CloseOrgUnit(CloseOrgUnitRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteOrgUnits);
        var input = new Input(clock.VietnamToday());
        var validTo = input.Date("valid_to", request.ValidTo);
        input.ThrowIfInvalid();

        // Closing and moving the members happen together: no member may be left in a closed unit, even for a moment.
        var unit = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.OrgUnits.UnitAsync(request.Code, "code", caller, ct);
            unit.EnsureCanCloseOn(validTo!.Value);
            if (await db.OrgUnits.AnyAsync(u => u.ParentCode == unit.Code && (u.ValidTo == null || u.ValidTo > validTo), ct))
            {
                throw new RuleViolationException(OrgUnit.HasOpenChildren, "Close or move the unit's children first.");
            }

            var successors = new List<OrgUnit>();
            foreach (var (successor, i) in request.SuccessorCodes.Select((s, i) => (s, i)))
            {
                successors.Add(await db.UnitAsync(successor, $"successor_codes[{i}]", ct));
            }

            await MoveMembersAsync(db, unit, successors, validTo.Value, context, caller, ct);
            unit.ValidTo = validTo;
            unit.SuccessorCodes = [.. request.SuccessorCodes];
            db.AddEvent(IntegrationEvents.Changed(unit, clock.GetUtcNow()));
            return unit;
        }, context.CancellationToken);
        return unit.ToProto();
    }

    /// <summary>Moves the unit's current members (not those who left or died) to the first successor from the day after
    /// the closing; a unit with members and no successor cannot close.</summary>
    private async Task MoveMembersAsync(MembershipDb db, OrgUnit unit, List<OrgUnit> successors, DateOnly validTo, ServerCallContext context, Caller caller, CancellationToken ct)
    {
        var members = await db.Members.WithHistory()
            .Where(m => m.OrgUnitCode == unit.Code && m.Status != MemberStatus.Left && m.Status != MemberStatus.Deceased)
            .ToListAsync(ct);
        if (members.Count == 0)
        {
            return;
        }

        if (successors.Count == 0)
        {
            throw new RuleViolationException(OrgUnit.HasMembers, $"Org unit '{unit.Code}' has {members.Count} members; name a successor to move them to.");
        }

        var to = successors[0];
        var firstDay = validTo.AddDays(1);
        caller.EnsureCanSee(to.Path);
        to.EnsureOpenOn(firstDay, "successor_codes[0]");
        foreach (var member in members)
        {
            MemberMoves.Move(db, member, to, firstDay, $"{unit.Code} closed on {validTo:yyyy-MM-dd}", new MoveContext(context, caller, clock.GetUtcNow()));
        }
    }
}
