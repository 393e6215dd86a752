using Grpc.Core;
using RedCross.Campaign.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Data;

/// <summary>What campaign writes to the shared audit trail (<see cref="AuditTrail"/>) about its copies of relief's
/// beneficiaries in programme lists: the record is relief's beneficiary id (kind "campaign_beneficiary"), so one
/// person's trail across lists and with relief's own trail reads together.</summary>
internal static class ListAuditTrail
{
    public const string Kind = "campaign_beneficiary";

    /// <summary>The fields a list row carries, as the API spells them. The name and the categories are personal: a caller
    /// without `read personal data` saw the name masked and the sensitive categories withheld
    /// (<see cref="ProgrammeListPrivacy"/>), recorded as "masked:full_name" and "masked:categories".</summary>
    private static readonly string[] PlainFields = ["beneficiary_id", "kind", "household_size", "org_unit"];
    private static readonly string[] PersonalFields = ["full_name", "categories"];

    public static AuditedRecord Record(CampaignBeneficiary b, string unitPath) => new(Kind, b.BeneficiaryId, unitPath);

    /// <summary>One returned row of ListCampaignBeneficiaries; <see cref="AuditReads{TContext}"/> stores it.</summary>
    public static AuditEntry Listed(ServerCallContext context, Caller caller, CampaignBeneficiary b, string unitPath, DateTimeOffset at) =>
        AuditTrail.Read(context, caller, Record(b, unitPath), PlainFields, PersonalFields, at);

    /// <summary>A row a draw copied from relief into the programme's list.</summary>
    public static AuditEntry Drawn(ServerCallContext context, Caller caller, CampaignBeneficiary b, string unitPath, DateTimeOffset at) =>
        AuditTrail.Entry(context.Method, caller, Record(b, unitPath), AuditEntry.Change, [.. PlainFields, .. PersonalFields], at);

    /// <summary>The entry for an erasure applied from relief's BeneficiaryAnonymised: no caller called, the source did.</summary>
    public static AuditEntry Erased(CampaignBeneficiary b, string unitPath, string source, DateTimeOffset at) => new()
    {
        At = at, Subject = source, Role = Roles.Service, Method = "BeneficiaryAnonymised", RecordKind = Kind, RecordId = b.BeneficiaryId,
        OrgUnitPath = unitPath, Action = AuditEntry.Change, Fields = "full_name",
    };
}
