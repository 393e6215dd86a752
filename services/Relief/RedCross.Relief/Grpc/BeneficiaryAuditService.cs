using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Relief.Data;

namespace RedCross.Relief.Grpc;

/// <summary>The audit trail of beneficiaries' records, for province administrators (<see cref="AuditListing"/>, the
/// same listing membership's MemberAudit serves).</summary>
internal sealed class BeneficiaryAuditService(ReliefDb db) : BeneficiaryAudit.BeneficiaryAuditBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var page = await AuditListing.PageAsync(db, context, BeneficiaryAuditTrail.Kind, "beneficiary_id", request.BeneficiaryId, request.PageSize, request.PageToken);
        return new ListAuditEntriesResponse
        {
            AuditEntries =
            {
                page.Entries.Select(e => new Contracts.Relief.V1.AuditEntry
                {
                    Position = e.Position, At = Timestamp.FromDateTimeOffset(e.At), Subject = e.Subject, Role = e.Role, Method = e.Method,
                    BeneficiaryId = e.RecordId.ToString(), Action = e.Action, Fields = { e.FieldList },
                }),
            },
            NextPageToken = page.NextPageToken,
        };
    }
}
