using Grpc.Core;
using RedCross.Campaign.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Data;

/// <summary>What campaign writes to the shared audit trail (<see cref="AuditTrail"/>): a blood donor's record (details,
/// donations, deferrals) and which of its fields a read shows (health and contact fields "masked:" for callers who see
/// them masked) or a change sets.</summary>
internal static class DonorAuditTrail
{
    public const string Kind = "blood_donor";

    private static readonly string[] PlainFields = ["full_name", "birth_date", "sex", "org_unit", "donation_count", "last_donated_on"];
    private static readonly string[] PersonalFields = ["weight_kg", "blood_group", "phone", "next_eligible_on"];
    private static readonly string[] HistoryFields = ["donations", "deferrals"];
    private static readonly string[] RecallFields = ["full_name", "org_unit", "last_donated_on", "eligible_since", "donation_count"];

    public static AuditedRecord Record(BloodDonor d) => new(Kind, d.Id, d.OrgUnitPath);

    public static AuditEntry Read(ServerCallContext context, Caller caller, BloodDonor d, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(d), PlainFields, PersonalFields, at);

    /// <summary>A history read: the donor, every donation (with the weight it was checked with) and deferral.</summary>
    public static AuditEntry History(ServerCallContext context, Caller caller, BloodDonor d, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(d), [.. PlainFields, .. HistoryFields], [.. PersonalFields, "deferrals.reason", "donations.weight_kg"], at);

    /// <summary>A donor on the recall list: who may be called, and the phone to call.</summary>
    public static AuditEntry Recalled(ServerCallContext context, Caller caller, BloodDonor d, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(d), RecallFields, ["phone"], at);

    /// <summary>What <see cref="BloodDonor.Anonymise"/> erases.</summary>
    public static readonly string[] ErasedFields = ["full_name", "phone", "weight_kg", "blood_group", "donations.weight_kg", "deferrals.reason"];

    /// <summary>A donation read: its donor's record, the weight it was checked with.</summary>
    public static AuditEntry DonationRead(ServerCallContext context, Caller caller, BloodDonation d, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, new AuditedRecord(Kind, d.DonorId, d.OrgUnitPath), ["donations"], ["donations.weight_kg"], at);

    public static void Changed(CampaignDb db, ServerCallContext context, Caller caller, BloodDonor d, IEnumerable<string> fields, DateTimeOffset at) =>
        AuditTrail.Changed(db, context, caller, Record(d), fields, at);

    /// <summary>The entry for a donor an import created.</summary>
    public static AuditEntry Created(BloodDonor d, Caller caller, string method, DateTimeOffset at) =>
        AuditTrail.Entry(method, caller, Record(d), AuditEntry.Change, RegisteredFields(d), at);

    public static IEnumerable<string> RegisteredFields(BloodDonor d) =>
        new[] { "full_name", "birth_date", "sex", "weight_kg", "org_unit" }
            .Concat(new[] { ("blood_group", d.BloodGroup), ("phone", d.Phone) }.Where(f => f.Item2 is not null).Select(f => f.Item1));
}
