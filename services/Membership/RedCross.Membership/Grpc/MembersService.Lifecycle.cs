using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>What happens to a member over time: status changes, transfers, anonymisation after leaving.</summary>
internal sealed partial class MembersService
{
    public override async Task<Contracts.Membership.V1.Member> ChangeMemberStatus(ChangeMemberStatusRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteMembers);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var status = input.OneOf("status", request.Status, MemberStatusRules.ByName);
        var effective = input.NotFuture("effective_date", input.Date("effective_date", request.EffectiveDate, input.Today));
        var reason = input.Text("reason", request.Reason, 500, required: false);
        input.ThrowIfInvalid();

        var member = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.MemberAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(request.Etag, member);

            var from = member.Status;
            if (member.ChangeStatus(status!.Value, effective!.Value, reason) is { } refusal)
            {
                throw new RuleViolationException(refusal, $"Cannot change status from {MemberStatusRules.Name(from)} to {MemberStatusRules.Name(status.Value)} on {effective:yyyy-MM-dd}.");
            }

            MemberAuditTrail.Changed(db, context, caller, member, ["status"], clock.GetUtcNow());
            db.AddEvent(IntegrationEvents.StatusChanged(member, from, status.Value, effective.Value, clock.GetUtcNow()));
            return member;
        }, context.CancellationToken);
        return member.ToProto(caller);
    }

    public override async Task<Contracts.Membership.V1.Member> TransferMember(TransferMemberRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteMembers);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var effective = input.NotFuture("effective_date", input.Date("effective_date", request.EffectiveDate, input.Today));
        var reason = input.Text("reason", request.Reason, 500, required: false);
        input.ThrowIfInvalid();

        var member = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.MemberAsync(id!.Value, "id", caller, ct);
            var unit = await db.UnitAsync(unitCode!, "org_unit", caller, ct);
            ETag.EnsureMatches(request.Etag, member);

            unit.EnsureOpenOn(effective!.Value, "org_unit");
            MemberMoves.Move(db, member, unit, effective.Value, reason, new MoveContext(context, caller, clock.GetUtcNow()));
            return member;
        }, context.CancellationToken);
        return member.ToProto(caller);
    }

    public override async Task<Contracts.Membership.V1.Member> AnonymiseMember(AnonymiseMemberRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.AnonymiseMembers);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();

        var member = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.MemberAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(request.Etag, member);

            // No event: reporting holds none of these fields, and no count depends on them.
            if (member.Anonymise(clock.GetUtcNow()) is { } refusal)
            {
                throw new RuleViolationException(refusal, "Only a member who left can be anonymised, once.");
            }

            MemberAuditTrail.Changed(db, context, caller, member, ["full_name", "national_id", "phone", "address"], clock.GetUtcNow());
            return member;
        }, context.CancellationToken);
        return member.ToProto(caller);
    }
}
