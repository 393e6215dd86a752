namespace RedCross.Contracts.Events.Awards;

// Events of the awards service: ids, units, dates, kinds and amounts only. The recipient appears as its kind (org_unit,
// group, member, volunteer, donor, official) and its unit, never by id or name: reporting counts commendations, it does
// not list people, and an append-only log cannot forget them. OrgUnitCode is the recipient's unit; IssuerOrgUnitCode
// the unit acting for the issuer (empty for the central Red Cross). Dates are Vietnam-local calendar dates.

/// <summary>A nomination was submitted to its issuer.</summary>
public sealed record NominationSubmitted(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid NominationId, string IssuerCode, string IssuerKind,
    string IssuerOrgUnitCode, string FormKind, string RecipientKind, string Movement, int Year, DateOnly SubmittedOn) : IIntegrationEvent;

/// <summary>An issuer's decision commended the recipient: the form, the award year and the cash in whole VND.</summary>
public sealed record CommendationApproved(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid NominationId, string IssuerCode, string IssuerKind,
    string IssuerOrgUnitCode, string FormKind, string RecipientKind, string Movement, int Year, DateOnly DecisionDate,
    long CashVnd) : IIntegrationEvent;

/// <summary>An approved commendation was revoked. Repeats the approval's figures, so a consumer un-counts exactly what
/// it counted whatever order the two arrive in.</summary>
public sealed record CommendationRevoked(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid NominationId, string IssuerCode, string IssuerKind,
    string IssuerOrgUnitCode, string FormKind, string RecipientKind, string Movement, int Year, DateOnly DecisionDate,
    long CashVnd, DateOnly RevokedOn) : IIntegrationEvent;
