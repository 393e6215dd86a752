using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Grpc;

/// <summary>Creates accept an optional request_id: a retry with the same id returns what the first
/// call created instead of a duplicate (AIP-155).</summary>
internal static class Idempotency
{
    public static string? Key(Input input, string? requestId) => input.Text("request_id", requestId, 100, required: false);

    public static async Task<Guid?> FindAsync(MembershipDb db, string? requestId, string operation, CancellationToken cancellationToken)
    {
        if (requestId is null)
        {
            return null;
        }

        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.RequestId == requestId, cancellationToken);
        if (record is not null && record.Operation != operation)
        {
            throw new ResourceConflictException("request_id", $"request_id was already used for {record.Operation}.");
        }

        return record?.ResourceId;
    }

    public static void Remember(MembershipDb db, string? requestId, string operation, Guid resourceId)
    {
        if (requestId is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { RequestId = requestId, Operation = operation, ResourceId = resourceId });
        }
    }
}
