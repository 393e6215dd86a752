using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Member = RedCross.Membership.Domain.Member;

namespace RedCross.Membership.Grpc;

/// <summary>Lookups the activity services share: the member a record is about, in the caller's subtree.</summary>
internal static class Records
{
    /// <summary>Largest amount of money accepted on any record, whole VND.</summary>
    public const long MaxVnd = 1_000_000_000_000;

    public static async Task<Member> MemberInScopeAsync(MembershipDb db, Guid id, Caller caller, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Include(m => m.History).Include(m => m.Transfers).AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new ResourceNotFoundException("Member", id.ToString(), "member_id");
        caller.EnsureCanSee(member.OrgUnitPath);
        return member;
    }
}
