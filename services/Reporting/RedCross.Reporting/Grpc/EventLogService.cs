using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Reporting.Grpc;

/// <summary>Reporting's outbox as its event log (reports issued and amended), read like the other services' logs so a
/// level above can follow hand-ins. Whole-deployment data: only service identities with events.read and
/// province-level admins read it.</summary>
internal sealed class EventLogService(ReportingDb db) : ReportingEventLog.ReportingEventLogBase
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
