using Grpc.Core;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Common.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>Campaign's outbox as its event log, which reporting and awards catch up and rebuild from. Whole-deployment
/// data: only service identities with events.read and province-level admins read it.</summary>
internal sealed class EventLogService(CampaignDb db) : CampaignEventLog.CampaignEventLogBase
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
