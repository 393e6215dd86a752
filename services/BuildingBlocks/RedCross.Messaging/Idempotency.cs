using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Messaging;

/// <summary>A create's request_id and what it created. Keyed by who called and which method too, so a
/// request_id another caller happened to use never hands back that caller's resource.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>The caller's `sub` claim.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The full gRPC method name, for example /redcross.membership.v1.Members/RegisterMember.</summary>
    public string Method { get; set; } = string.Empty;

    public string RequestId { get; set; } = string.Empty;

    public Guid ResourceId { get; set; }
}

public static class IdempotencyModelExtensions
{
    /// <summary>Adds the idempotency table to a module's model (modules without creates leave it out).</summary>
    public static ModelBuilder AddIdempotency(this ModelBuilder model)
    {
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency");
            e.HasKey(x => new { x.Subject, x.Method, x.RequestId });
            e.Property(x => x.Method).HasMaxLength(200);
        });
        return model;
    }
}

/// <summary>Creates accept an optional request_id: a retry by the same caller with the same id returns
/// what the first call created instead of a duplicate (AIP-155).</summary>
public static class Idempotency
{
    public static string? Key(Input input, string? requestId) => input.Text("request_id", requestId, 100, required: false);

    /// <summary>The resource this caller's earlier call of this method with <paramref name="requestId"/> created.</summary>
    public static async Task<Guid?> FindAsync(DbContext db, ServerCallContext context, string? requestId)
    {
        if (KeyOf(context, requestId) is not { } key)
        {
            return null;
        }

        var record = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Subject == key.Subject && r.Method == key.Method && r.RequestId == key.RequestId, context.CancellationToken);
        return record?.ResourceId;
    }

    /// <summary>Remembers the created resource in the same SaveChanges as the resource itself.</summary>
    public static void Remember(DbContext db, ServerCallContext context, string? requestId, Guid resourceId)
    {
        if (KeyOf(context, requestId) is { } key)
        {
            key.ResourceId = resourceId;
            db.Set<IdempotencyRecord>().Add(key);
        }
    }

    // A token without a subject cannot be told apart from another one, so its request_id is not honoured:
    // a retry creates a duplicate rather than risk returning someone else's resource.
    private static IdempotencyRecord? KeyOf(ServerCallContext context, string? requestId)
    {
        var subject = Caller.From(context).Subject;
        return requestId is null || subject.Length == 0
            ? null
            : new IdempotencyRecord { Subject = subject, Method = context.Method, RequestId = requestId };
    }
}
