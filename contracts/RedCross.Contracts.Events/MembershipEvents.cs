namespace RedCross.Contracts.Events.Membership;

// Events of the membership service. Dates of activities are Vietnam-local calendar dates
// (DateOnly): periods are cut on them, never on the UTC instant.

/// <summary>A unit's name and level from a date (058 "thị xã" until 2014, "thành phố" from 2015).</summary>
public sealed record UnitName(DateOnly ValidFrom, string Name, string Level);

/// <summary>A unit was added to the tree. <see cref="Names"/> is its dated name history (null in events
/// written before names were dated: <see cref="Name"/> then holds for the unit's whole life).</summary>
public sealed record OrgUnitCreated(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, string Name, string Level,
    string? ParentCode, string Path, string? AdminAreaCode, DateOnly ValidFrom, DateOnly? ValidTo,
    IReadOnlyList<string> PredecessorCodes, IReadOnlyList<UnitName>? Names = null) : IIntegrationEvent;

/// <summary>A unit was renamed, re-coded or closed; carries the whole new state.</summary>
public sealed record OrgUnitChanged(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, string Name, string Level,
    string? ParentCode, string Path, string? AdminAreaCode, DateOnly ValidFrom, DateOnly? ValidTo,
    IReadOnlyList<string> SuccessorCodes, IReadOnlyList<UnitName>? Names = null) : IIntegrationEvent;

/// <summary>A member joined a unit.</summary>
public sealed record MemberRegistered(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid MemberId, DateOnly JoinedDate,
    DateOnly BirthDate, string Sex, bool Volunteer) : IIntegrationEvent;

/// <summary>A member's status changed from a date (active, lapsed, transferred, left, deceased).</summary>
public sealed record MemberStatusChanged(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid MemberId, string FromStatus,
    string ToStatus, DateOnly EffectiveDate) : IIntegrationEvent;

/// <summary>Dues were paid, with the split between levels.</summary>
public sealed record DuesPaid(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid PaymentId, Guid MemberId, int Year,
    int Months, long AmountVnd, long BranchShareVnd, long CommuneShareVnd, long UpperShareVnd,
    DateOnly PaidOn) : IIntegrationEvent;

/// <summary>A training course was held.</summary>
public sealed record TrainingHeld(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid TrainingId, string Topic,
    DateOnly StartDate, DateOnly EndDate, int ParticipantCount) : IIntegrationEvent;

/// <summary>Money came into a unit's welfare fund.</summary>
public sealed record WelfareContributionReceived(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid ContributionId, long AmountVnd,
    DateOnly ReceivedOn) : IIntegrationEvent;

/// <summary>A member in hardship was visited and given an amount.</summary>
public sealed record WelfareVisitMade(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid VisitId, Guid MemberId, string Reason,
    long AmountVnd, DateOnly VisitedOn) : IIntegrationEvent;

/// <summary>A unit's member growth target for a year was set (replacing an earlier one).</summary>
public sealed record GrowthTargetSet(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, int Year, int NewMembers) : IIntegrationEvent;

/// <summary>A member's personal details that reports may count (age, sex, volunteer flag) changed.</summary>
public sealed record MemberDetailsChanged(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid MemberId, DateOnly BirthDate, string Sex,
    bool Volunteer) : IIntegrationEvent;

// Voids: a recorded fact was corrected by a correcting entry. Each repeats the unit, date and figures of the
// original, so reporting un-counts exactly what it counted, whatever order the two arrive in. The reason stays
// in membership: free text may name people.

/// <summary>A dues payment was voided.</summary>
public sealed record DuesPaymentVoided(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid PaymentId, Guid MemberId, int Year,
    int Months, long AmountVnd, DateOnly PaidOn) : IIntegrationEvent;

/// <summary>A training course was voided.</summary>
public sealed record TrainingVoided(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid TrainingId, DateOnly StartDate,
    int ParticipantCount) : IIntegrationEvent;

/// <summary>A welfare-fund contribution was voided.</summary>
public sealed record WelfareContributionVoided(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid ContributionId, long AmountVnd,
    DateOnly ReceivedOn) : IIntegrationEvent;

/// <summary>A welfare visit was voided.</summary>
public sealed record WelfareVisitVoided(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid VisitId, Guid MemberId, long AmountVnd,
    DateOnly VisitedOn) : IIntegrationEvent;

/// <summary>A member moved to another unit (chuyển sinh hoạt, or the closing of the old unit) from a date:
/// from <see cref="EffectiveDate"/> the member counts in <see cref="OrgUnitCode"/>, before it in
/// <see cref="FromOrgUnitCode"/>. <see cref="Status"/> is the member's status on that date.</summary>
public sealed record MemberTransferred(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid MemberId, string FromOrgUnitCode,
    string Status, DateOnly EffectiveDate) : IIntegrationEvent;
