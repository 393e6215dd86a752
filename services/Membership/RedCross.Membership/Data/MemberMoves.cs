using Grpc.Core;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>Moves a tracked member to another unit and records the event, for a transfer and for the closing of
/// the member's unit alike, so both leave the same history and reporting counts both the same way. The member's unit
/// changes, so its version moves on save.</summary>
internal static class MemberMoves
{
    public static void Move(MembershipDb db, Member member, OrgUnit to, DateOnly effective, string? reason, MoveContext call)
    {
        if (member.Transfer(to, effective, reason) is { } refusal)
        {
            throw new RuleViolationException(refusal, $"Member {member.Id} cannot move to {to.Code} on {effective:yyyy-MM-dd}.");
        }

        member.ImportKey = Member.ImportKeyOf(member.NationalId, member.FullName, member.BirthDate, member.OrgUnitCode);
        db.AddEvent(IntegrationEvents.Transferred(member, member.Transfers[^1], call.Now));
        MemberAuditTrail.Changed(db, call.Context, call.Caller, member, ["org_unit"], call.Now);
    }
}

/// <summary>The call a move happens in: who moved the member, through which rpc, and when.</summary>
internal sealed record MoveContext(ServerCallContext Context, Caller Caller, DateTimeOffset Now);
