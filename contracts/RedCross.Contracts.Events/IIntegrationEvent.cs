namespace RedCross.Contracts.Events;

/// <summary>What every integration event carries: its id (also the bus message id), when it happened
/// and the org unit it counts for, so a consumer never has to call back.</summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    string OrgUnitCode { get; }
}
