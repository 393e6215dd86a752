using Grpc.Core;
using RedCross.Awards.Data;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Common.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Awards.Grpc;

/// <summary>Awards' outbox as its event log, which reporting catches up and rebuilds from. Whole-deployment data:
/// only service identities with events.read and province-level admins read it.</summary>
internal sealed class EventLogService(AwardsDb db) : AwardsEventLog.AwardsEventLogBase
{
    public override Task StreamEvents(StreamEventsRequest request, IServerStreamWriter<EventEnvelope> responseStream, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.ReadEventLog);
        return EventLog.StreamAsync(db, request, responseStream, context.CancellationToken);
    }

    public override Task<EventLogDescription> DescribeEventLog(DescribeEventLogRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.ReadEventLog);
        return EventLog.DescribeAsync(db, request, context.CancellationToken);
    }
}
