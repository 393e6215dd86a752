using MassTransit;
using Microsoft.EntityFrameworkCore;
using Proto = RedCross.Contracts.Relief.V1;

// Deliberate violations, never used: each rule is run on them to show it can fail.
namespace RedCross.Architecture.Tests.Violations.Domain
{
    internal sealed class EntityWithEf
    {
        public DbContext? Context { get; set; }
    }

    /// <summary>As relief's DistributionDraft once did: the proto only in a parameter, and through an alias.</summary>
    internal static class DraftTakingAProto
    {
        public static string Check(Proto.Distribution d) => d.Kind;
    }

    internal static class RuleInTheGrpcLayer
    {
        public static int Reach() => Grpc.Api.Name.Length;
    }

    /// <summary>Integration events are the domain's to build.</summary>
    internal static class ClockEvent
    {
        public static Type Event => typeof(RedCross.Contracts.Events.PersonBands);
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
    internal sealed class LeftService : Proto.Sponsors.SponsorsBase
    {
        public static int Borrowed => RightService.Shared();
    }

    internal sealed class RightService : Proto.Donations.DonationsBase
    {
        public static int Shared() => 1;
    }

    internal sealed class PublishesDirectly(IPublishEndpoint endpoint)
    {
        public Task Send(object message) => endpoint.Publish(message);
    }

    internal sealed class PublishesThroughTheConsumeContext
    {
        public Task Handle(ConsumeContext context) => context.Publish(new { Text = "bypasses the outbox" });
    }
}
