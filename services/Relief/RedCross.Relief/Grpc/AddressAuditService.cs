using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Relief.Data;

namespace RedCross.Relief.Grpc;

/// <summary>The audit trail of humanitarian addresses' dossiers, for province administrators (<see cref="AuditListing"/>,
/// the same listing BeneficiaryAudit serves).</summary>
internal sealed class AddressAuditService(ReliefDb db) : HumanitarianAddressAudit.HumanitarianAddressAuditBase
{
    public override async Task<ListAddressAuditEntriesResponse> ListAuditEntries(ListAddressAuditEntriesRequest request, ServerCallContext context)
    {
        var page = await AuditListing.PageAsync(db, context, AddressAuditTrail.Kind, "address_id", request.AddressId, request.PageSize, request.PageToken);
        return new ListAddressAuditEntriesResponse
        {
            AuditEntries =
            {
                page.Entries.Select(e => new AddressAuditEntry
                {
                    Position = e.Position, At = Timestamp.FromDateTimeOffset(e.At), Subject = e.Subject, Role = e.Role, Method = e.Method,
                    AddressId = e.RecordId.ToString(), Action = e.Action, Fields = { e.FieldList },
                }),
            },
            NextPageToken = page.NextPageToken,
        };
    }
}
