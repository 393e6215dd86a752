using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Membership's outbox as an event log, for rebuilding projections. Whole-deployment data, so
/// only a province admin (or a partner with the events.read scope) may read it.</summary>
internal sealed class EventLogService(MembershipDb db) : MembershipEventLog.MembershipEventLogBase
{
    public override Task StreamEvents(StreamEventsRequest request, IServerStreamWriter<EventEnvelope> responseStream, ServerCallContext context)
    {
        var caller = Caller.From(context);
        if (!(caller.IsPartner && caller.Scopes.Contains("events.read")))
        {
            caller.EnsureRole(Roles.ProvinceAdmin);
        }

        return EventLog.StreamAsync(db, request, responseStream, context.CancellationToken);
    }
}
