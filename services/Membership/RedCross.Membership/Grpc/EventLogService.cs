using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Membership's outbox as an event log, for rebuilding projections. Whole-deployment data, so only
/// those the permission table grants ReadEventLog may read it (a service with events.read, a province admin).</summary>
internal sealed class EventLogService(MembershipDb db) : MembershipEventLog.MembershipEventLogBase
{
    public override Task StreamEvents(StreamEventsRequest request, IServerStreamWriter<EventEnvelope> responseStream, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.ReadEventLog);
        return EventLog.StreamAsync(db, request, responseStream, context.CancellationToken);
    }
}
