using RedCross.Contracts.Events;

namespace RedCross.Messaging.Tests.Events;

public sealed record SomethingHappened(Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, string Note) : IIntegrationEvent
{
    public static SomethingHappened New(string note) => new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "058", note);
}

public sealed record NobodyRegisteredMe(Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode) : IIntegrationEvent;
