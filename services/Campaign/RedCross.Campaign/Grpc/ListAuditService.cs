using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;

namespace RedCross.Campaign.Grpc;

/// <summary>The audit trail of programme lists' copies of relief's beneficiaries, for province administrators
/// (<see cref="AuditListing"/>, the same listing as every other trail).</summary>
internal sealed class ListAuditService(CampaignDb db) : CampaignBeneficiaryAudit.CampaignBeneficiaryAuditBase
{
    public override async Task<ListCampaignBeneficiaryAuditEntriesResponse> ListAuditEntries(ListCampaignBeneficiaryAuditEntriesRequest request, ServerCallContext context)
    {
        var page = await AuditListing.PageAsync(db, context, ListAuditTrail.Kind, "beneficiary_id", request.BeneficiaryId, request.PageSize, request.PageToken);
        return new ListCampaignBeneficiaryAuditEntriesResponse
        {
            AuditEntries =
            {
                page.Entries.Select(e => new CampaignBeneficiaryAuditEntry
                {
                    Position = e.Position, At = Timestamp.FromDateTimeOffset(e.At), Subject = e.Subject, Role = e.Role, Method = e.Method,
                    BeneficiaryId = e.RecordId.ToString(), Action = e.Action, Fields = { e.FieldList },
                }),
            },
            NextPageToken = page.NextPageToken,
        };
    }
}
