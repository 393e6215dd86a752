using Grpc.Core;
using RedCross.Messaging;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Data;

/// <summary>What relief writes to the shared audit trail (<see cref="AuditTrail"/>) about a humanitarian address: its
/// dossier is a person's record like a beneficiary's (a phone, an address, a situation that may tell of illness), so
/// reads say which fields they showed ("masked:" for callers who saw them masked, as the address mapping masks them)
/// and changes which fields or history they added to.</summary>
internal static class AddressAuditTrail
{
    public const string Kind = "humanitarian_address";

    private static readonly string[] PlainFields =
        ["org_unit", "beneficiary_id", "display_name", "needs", "opened_on", "review_interval_months", "due_on", "last_reviewed_on", "status", "closed_on", "close_reason"];

    private static readonly string[] PersonalFields = ["phone", "address", "situation"];

    /// <summary>A single read also returns the history: commitments and amounts as they are, notes (free text) masked.</summary>
    private static readonly string[] HistoryFields = ["commitments", "assistance", "reviews"];

    private static readonly string[] HistoryNotes = ["assistance.note", "reviews.note"];

    /// <summary>What anonymising the linked beneficiary erases from the address (<see cref="HumanitarianAddress.Anonymise"/>).</summary>
    public static readonly string[] ErasedFields = ["display_name", "phone", "address", "situation", "close_note", "assistance.note", "reviews.note"];

    public static AuditedRecord Record(HumanitarianAddress a) => new(Kind, a.Id, a.OrgUnitPath);

    /// <summary>A list's entry (lists return no history); <see cref="AuditReads{TContext}"/> stores it.</summary>
    public static AuditEntry Listed(ServerCallContext context, Caller caller, HumanitarianAddress a, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(a), PlainFields, PersonalFields, at);

    /// <summary>A single address read with its history.</summary>
    public static AuditEntry Read(ServerCallContext context, Caller caller, HumanitarianAddress a, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(a), [.. PlainFields, .. HistoryFields], [.. PersonalFields, .. HistoryNotes], at);

    public static void Changed(ReliefDb db, ServerCallContext context, Caller caller, HumanitarianAddress a, IEnumerable<string> fields, DateTimeOffset at) =>
        AuditTrail.Changed(db, context, caller, Record(a), fields, at);

    /// <summary>The fields an opening sets: the required ones and the optional ones given.</summary>
    public static IEnumerable<string> OpenedFields(HumanitarianAddress a) =>
        new[] { "org_unit", "display_name", "situation", "needs", "opened_on" }
            .Concat(new[] { ("beneficiary_id", a.BeneficiaryId?.ToString()), ("phone", a.Phone), ("address", a.Address) }
                .Where(f => f.Item2 is not null).Select(f => f.Item1));
}
