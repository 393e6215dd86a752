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

    /// <summary>The entry for an erasure applied from relief's BeneficiaryAnonymised: no caller called, the source did.</summary>
    public static AuditEntry Erased(CampaignBeneficiary b, string unitPath, string source, DateTimeOffset at) => new()
    {
        At = at, Subject = source, Role = Roles.Service, Method = "BeneficiaryAnonymised", RecordKind = Kind, RecordId = b.BeneficiaryId,
        OrgUnitPath = unitPath, Action = AuditEntry.Change, Fields = "full_name",
    };
}
