using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;

namespace RedCross.Membership.Grpc;

/// <summary>The audit trail of members' records, for province administrators (<see cref="AuditListing"/>).</summary>
internal sealed class AuditService(MembershipDb db) : MemberAudit.MemberAuditBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var page = await AuditListing.PageAsync(db, context, MemberAuditTrail.Kind, "member_id", request.MemberId, request.PageSize, request.PageToken);
        return new ListAuditEntriesResponse
        {
            AuditEntries =
            {
                page.Entries.Select(e => new Contracts.Membership.V1.AuditEntry
                {
                    Position = e.Position, At = Timestamp.FromDateTimeOffset(e.At), Subject = e.Subject, Role = e.Role, Method = e.Method,
                    MemberId = e.RecordId.ToString(), Action = e.Action, Fields = { e.FieldList },
                }),
            },
            NextPageToken = page.NextPageToken,
        };
    }
}
