using Grpc.Core;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>What membership writes to the shared audit trail (<see cref="AuditTrail"/>): a member's record and
/// which of its fields a read shows or a registration sets.</summary>
internal static class MemberAuditTrail
{
    public const string Kind = "member";

    private static readonly string[] PlainFields = ["full_name", "birth_date", "sex", "org_unit", "joined_date", "status", "volunteer"];
    private static readonly string[] PersonalFields = ["national_id", "phone", "address"];

    public static AuditedRecord Record(Member member) => new(Kind, member.Id, member.OrgUnitPath);

    /// <summary>The entry for a read of <paramref name="member"/>; <see cref="AuditReads{TContext}"/> stores it.</summary>
    public static AuditEntry Read(ServerCallContext context, Caller caller, Member member, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(member), PlainFields, PersonalFields, at);

    public static void Changed(MembershipDb db, ServerCallContext context, Caller caller, Member member, IEnumerable<string> fields, DateTimeOffset at) =>
        AuditTrail.Changed(db, context, caller, Record(member), fields, at);

    /// <summary>The entry for a member an import created.</summary>
    public static AuditEntry Created(Member member, Caller caller, string method, DateTimeOffset at) =>
        AuditTrail.Entry(method, caller, Record(member), AuditEntry.Change, RegisteredFields(member), at);

    /// <summary>The fields a registration or an import sets: the required ones and the optional ones given.</summary>
    public static IEnumerable<string> RegisteredFields(Member m) =>
        new[] { "full_name", "birth_date", "sex", "org_unit", "joined_date", "volunteer" }
            .Concat(new[] { ("national_id", m.NationalId), ("phone", m.Phone), ("address", m.Address) }.Where(f => f.Item2 is not null).Select(f => f.Item1));
}
