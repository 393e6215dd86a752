using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RedCross.Messaging;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

public sealed class TracingTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    [Fact]
    public async Task The_callers_trace_continues_through_the_outbox_into_the_bus()
    {
        // The caller's own span: the gRPC client propagates its trace in the traceparent header.
        using var caller = new Activity("test caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceId = caller.TraceId;
        var published = new ConcurrentBag<ActivityTraceId>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => published.Add(activity.TraceId),
        };
        ActivitySource.AddActivityListener(listener);

        var member = await factory.Members(factory.Tokens.DistrictOfficer058).RegisterMemberAsync(MembershipFactory.Valid(name: "Theo Dấu Vết"));

        var row = await factory.WithDb(db => db.Set<OutboxMessage>().SingleAsync(o => o.Payload.Contains(member.Id)));
        Assert.Contains(traceId.ToString(), row.TraceParent, StringComparison.Ordinal);
        await Eventually.Until(() => Task.FromResult(published.Contains(traceId)), found => found, what: "a MassTransit activity in the caller's trace");
    }
}
