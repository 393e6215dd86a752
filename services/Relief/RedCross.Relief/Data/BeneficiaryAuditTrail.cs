using Grpc.Core;
using RedCross.Messaging;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Data;

/// <summary>What relief writes to the shared audit trail (<see cref="AuditTrail"/>): a beneficiary's record and which
/// of its fields a read shows (national ID, phone and address "masked:" for callers who see them masked) or a
/// registration sets.</summary>
internal static class BeneficiaryAuditTrail
{
    public const string Kind = "beneficiary";

    private static readonly string[] PlainFields = ["kind", "full_name", "birth_date", "sex", "household_size", "categories", "org_unit", "status", "registered_on"];
    private static readonly string[] PersonalFields = ["national_id", "phone", "address"];
    private static readonly string[] ListedFields = ["kind", "full_name", "household_size", "categories", "org_unit"];

    public static AuditedRecord Record(Beneficiary b) => new(Kind, b.Id, b.OrgUnitPath);

    /// <summary>The entry for a read of <paramref name="b"/>; <see cref="AuditReads{TContext}"/> stores it.</summary>
    public static AuditEntry Read(ServerCallContext context, Caller caller, Beneficiary b, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(b), PlainFields, PersonalFields, at);

    public static void Changed(ReliefDb db, ServerCallContext context, Caller caller, Beneficiary b, IEnumerable<string> fields, DateTimeOffset at) =>
        AuditTrail.Changed(db, context, caller, Record(b), fields, at);

    /// <summary>The entry for a beneficiary an import created.</summary>
    public static AuditEntry Created(Beneficiary b, Caller caller, string method, DateTimeOffset at) =>
        AuditTrail.Entry(method, caller, Record(b), AuditEntry.Change, RegisteredFields(b), at);

    /// <summary>The entry for a beneficiary drawn into another service's programme list: only the fields the list shows.</summary>
    public static AuditEntry Listed(ServerCallContext context, Caller caller, Beneficiary b, DateTimeOffset at) =>
        AuditTrail.Entry(context.Method, caller, Record(b), AuditEntry.Read, ListedFields, at);

    /// <summary>The fields a registration sets: the required ones and the optional ones given.</summary>
    public static IEnumerable<string> RegisteredFields(Beneficiary b) =>
        new[] { "kind", "full_name", "birth_date", "household_size", "categories", "org_unit" }
            .Concat(new[] { ("sex", b.Sex), ("national_id", b.NationalId), ("phone", b.Phone), ("address", b.Address) }
                .Where(f => f.Item2 is not null).Select(f => f.Item1));
}
