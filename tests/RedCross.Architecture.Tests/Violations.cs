using MassTransit;
using Microsoft.EntityFrameworkCore;

// Deliberate violations, never used: each rule is run on them to show it can fail.
namespace RedCross.Architecture.Tests.Violations.Domain
{
    internal sealed class EntityWithEf
    {
        public DbContext? Context { get; set; }
    }
}

namespace RedCross.Architecture.Tests.Violations.Grpc
{
    internal static class Api
    {
        public static string Name => "api";
    }
}

namespace RedCross.Architecture.Tests.Violations.Data
{
    internal sealed class StoreThatCallsTheApi
    {
        public string Reach => Grpc.Api.Name;
    }
}

namespace RedCross.Membership.Violations
{
    internal sealed class ReachesIntoReporting
    {
        public Type Other => typeof(RedCross.Reporting.ReportingModule);
    }
}

namespace RedCross.Architecture.Tests.Violations
{
    internal sealed class PublishesDirectly(IPublishEndpoint endpoint)
    {
        public Task Send(object message) => endpoint.Publish(message);
    }

    internal sealed class PublishesThroughTheConsumeContext
    {
        public Task Handle(ConsumeContext context) => context.Publish(new { Text = "bypasses the outbox" });
    }
}
