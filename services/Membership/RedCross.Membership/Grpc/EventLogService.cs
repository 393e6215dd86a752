using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Membership's outbox as its event log, which consumers catch up and rebuild from. Whole-deployment
/// data: only service identities with events.read and province-level admins read it.</summary>
internal sealed class EventLogService(MembershipDb db) : MembershipEventLog.MembershipEventLogBase
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
