using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Reporting.Consumers;

namespace RedCross.Reporting.Data;

/// <summary>Replaces the projections with a replay of membership's event log, in one transaction: a
/// failure half-way leaves the old projections as they were. Consumers wait at the gate meanwhile, and
/// the inbox rows written here make them skip any event the replay already applied.</summary>
internal sealed class Rebuild(
    ReportingDb db,
    MembershipEventLog.MembershipEventLogClient membership,
    EventTypeRegistry registry,
    ProjectionGate gate,
    ILogger<Rebuild> logger)
{
    private const int SaveEvery = 1000;

    public async Task<(long Events, long Position)> RunAsync(Metadata forwardedHeaders, CancellationToken ct)
    {
        await using var _ = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Cells.ExecuteDeleteAsync(ct);
        await db.Timeline.ExecuteDeleteAsync(ct);
        await db.GrowthTargets.ExecuteDeleteAsync(ct);
        await db.Set<ReplicatedOrgUnit>().ExecuteDeleteAsync(ct);
        await db.Set<InboxMessage>().ExecuteDeleteAsync(ct);

        long events = 0, position = 0;
        using var projector = new Projector(db);
        using var call = membership.StreamEvents(new StreamEventsRequest(), forwardedHeaders, cancellationToken: ct);
        await foreach (var envelope in call.ResponseStream.ReadAllAsync(ct))
        {
            var evt = registry.Deserialize(envelope.EventType, envelope.PayloadJson);
            await projector.ApplyAsync(evt, ct);
            var consumer = evt is OrgUnitCreated or OrgUnitChanged ? OrgReplicaConsumers.Name : ProjectionInbox.Name;
            db.Set<InboxMessage>().Add(new InboxMessage { MessageId = Guid.Parse(envelope.EventId), Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
            events++;
            position = envelope.Position;
            if (events % SaveEvery == 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Rebuilt reporting projections from {Events} membership events (position {Position})", events, position);
        return (events, position);
    }
}
