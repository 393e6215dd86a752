using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
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
        var traceId = ActivityTraceId.CreateRandom();
        var published = new ConcurrentBag<ActivityTraceId>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => published.Add(activity.TraceId),
        };
        ActivitySource.AddActivityListener(listener);

        var headers = new Metadata { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" } };
        var member = await factory.Members(factory.Tokens.DistrictOfficer058).RegisterMemberAsync(MembershipFactory.Valid(name: "Theo Dấu Vết"), headers);

        var row = await factory.WithDb(db => db.Set<OutboxMessage>().SingleAsync(o => o.Payload.Contains(member.Id)));
        Assert.Contains(traceId.ToString(), row.TraceParent, StringComparison.Ordinal);
        await Eventually.Until(() => Task.FromResult(published.Contains(traceId)), found => found, what: "a MassTransit activity in the caller's trace");
    }
}
