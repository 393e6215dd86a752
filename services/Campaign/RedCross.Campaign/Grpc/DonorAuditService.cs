using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;

namespace RedCross.Campaign.Grpc;

/// <summary>The audit trail of blood donors' records, for province administrators (<see cref="AuditListing"/>, the
/// same listing membership and relief serve).</summary>
internal sealed class DonorAuditService(CampaignDb db) : BloodDonorAudit.BloodDonorAuditBase
{
    public override async Task<ListDonorAuditEntriesResponse> ListAuditEntries(ListDonorAuditEntriesRequest request, ServerCallContext context)
    {
        var page = await AuditListing.PageAsync(db, context, DonorAuditTrail.Kind, "donor_id", request.DonorId, request.PageSize, request.PageToken);
        return new ListDonorAuditEntriesResponse
        {
            AuditEntries =
            {
                page.Entries.Select(e => new DonorAuditEntry
                {
                    Position = e.Position, At = Timestamp.FromDateTimeOffset(e.At), Subject = e.Subject, Role = e.Role, Method = e.Method,
                    DonorId = e.RecordId.ToString(), Action = e.Action, Fields = { e.FieldList },
                }),
            },
            NextPageToken = page.NextPageToken,
        };
    }
}
