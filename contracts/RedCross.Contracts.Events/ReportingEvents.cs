namespace RedCross.Contracts.Events.Reporting;

// Events of the reporting service: hand-ins of annual reports. Units, years, numbers and dates only; the signer is a
// person and stays in reporting's database, not in an append-only log.

/// <summary>A unit's annual report for a year was issued (version 1): its figures are frozen as issued.</summary>
public sealed record AnnualReportIssued(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, int Year, int Version, string Number, DateOnly IssuedOn) : IIntegrationEvent;

/// <summary>An amendment of an issued annual report was issued as a new version, with a new number, because figures of
/// the year changed after the previous version; <see cref="AmendedFigures"/> says how many.</summary>
public sealed record AnnualReportAmended(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, int Year, int Version, string Number, DateOnly IssuedOn,
    int AmendedFigures) : IIntegrationEvent;
