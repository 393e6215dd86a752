namespace RedCross.Contracts.Events.Relief;

// Events of the relief service: ids, units, dates, categories and amounts only, and a recipient's sex and age band for
// counting. No names, birth dates, national IDs, phones or addresses: an append-only log cannot forget them, and reporting needs none of them. Activity dates are
// Vietnam-local calendar dates (DateOnly): periods are cut on them, never on the UTC instant.

/// <summary>A beneficiary (person or household) was registered in a home unit.</summary>
public sealed record BeneficiaryRegistered(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid BeneficiaryId, string Kind,
    IReadOnlyList<string> Categories, int HouseholdSize, DateOnly RegisteredOn) : IIntegrationEvent;

/// <summary>A unit received a donation: cash, or goods valued in whole VND.</summary>
public sealed record DonationReceived(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid DonationId, Guid SponsorId, string SponsorKind,
    string Kind, long ValueVnd, DateOnly ReceivedOn, string? Programme, string? CampaignRef) : IIntegrationEvent;

/// <summary>Cash or goods reached a beneficiary of the unit on the local date of the handover. SourceKind is
/// "donation" (DonationId set) or "sponsor_direct". BeneficiaryId is null for a gift to a humanitarian address
/// with no registered beneficiary. RecipientSex and RecipientAgeBand describe the beneficiary (a household by its head) on
/// the day of the handover (the FDRS band, <see cref="PersonBands"/>), for counts by sex and age; null when unknown,
/// and in events recorded before they were added.</summary>
public sealed record DistributionRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid DistributionId, Guid? BeneficiaryId, string Kind,
    long ValueVnd, string SourceKind, Guid? DonationId, Guid? SponsorId, string? CampaignRef, DateOnly HandedOverOn,
    string? RecipientSex = null, string? RecipientAgeBand = null) : IIntegrationEvent;

/// <summary>A distribution was reversed by a correcting entry. Repeats the original's unit, date and figures, so
/// reporting un-counts exactly what it counted, whatever order the two arrive in.</summary>
public sealed record DistributionReversed(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid DistributionId, Guid? BeneficiaryId, string Kind,
    long ValueVnd, string SourceKind, Guid? DonationId, Guid? SponsorId, string? CampaignRef, DateOnly HandedOverOn,
    string? RecipientSex = null, string? RecipientAgeBand = null) : IIntegrationEvent;

/// <summary>A livestock bank programme gave an animal to a household of the unit (the household's home unit) on the
/// local date. ValueVnd is 0 when the animal was not valued.</summary>
public sealed record LivestockGiven(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid AnimalId, Guid ProgrammeId, Guid BeneficiaryId,
    string Species, string Sex, long ValueVnd, DateOnly GivenOn) : IIntegrationEvent;

/// <summary>A calf was born to a programme animal held by a household of the unit.</summary>
public sealed record CalfBorn(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CalfId, Guid MotherId, Guid ProgrammeId,
    string Species, string Sex, int CalfNumber, DateOnly BornOn) : IIntegrationEvent;

/// <summary>A household of the unit came to owe a calf to its livestock programme, due on DueOn.</summary>
public sealed record HandoverObligationCreated(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid ObligationId, Guid ProgrammeId, Guid CalfId,
    Guid BeneficiaryId, DateOnly EarliestOn, DateOnly DueOn) : IIntegrationEvent;

/// <summary>An owed calf was passed on from one household to the next; OrgUnitCode is the receiving household's
/// home unit, FromOrgUnitCode the giving one's. Fulfils ObligationId.</summary>
public sealed record LivestockPassedOn(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CalfId, Guid ObligationId, Guid ProgrammeId,
    Guid FromBeneficiaryId, string FromOrgUnitCode, Guid ToBeneficiaryId, string Species, DateOnly HandedOverOn) : IIntegrationEvent;

/// <summary>A programme animal of the unit was sold or died (Outcome); an owed calf that died cancels
/// CancelledObligationId.</summary>
public sealed record LivestockOutcomeRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid AnimalId, Guid ProgrammeId, string Species,
    string Outcome, DateOnly On, Guid? CancelledObligationId) : IIntegrationEvent;

/// <summary>A beneficiary's kind, categories, household size, home unit or status changed (UpdateBeneficiary). Carries
/// the new values of those fields only; changes of name, birth date, national ID, phone or address publish nothing.</summary>
public sealed record BeneficiaryUpdated(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid BeneficiaryId, string Kind,
    IReadOnlyList<string> Categories, int HouseholdSize, string Status) : IIntegrationEvent;

/// <summary>A beneficiary's identifying data was erased in relief (AnonymiseBeneficiary, Decree 13/2023/NĐ-CP). Carries the
/// id and, as every event does, the home unit: a service that keeps a copy of the person (campaign's programme lists)
/// erases it too. Nothing else changes, so no count moves.</summary>
public sealed record BeneficiaryAnonymised(Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid BeneficiaryId) : IIntegrationEvent;

// Humanitarian addresses (địa chỉ nhân đạo): ids, units, dates, outcome and reason codes, kinds and amounts. The
// dossier (names, situation, needs, contact) stays in relief.

/// <summary>A humanitarian address was opened in a unit; its first review is due on DueOn.</summary>
public sealed record AddressOpened(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid AddressId, DateOnly OpenedOn, DateOnly DueOn) : IIntegrationEvent;

/// <summary>An address was re-reviewed. Outcome is still_eligible, improved, left or deceased; NextDueOn is null when
/// the outcome closed it (an <see cref="AddressClosed"/> follows).</summary>
public sealed record AddressReviewed(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid AddressId, DateOnly ReviewedOn, string Outcome,
    DateOnly? NextDueOn) : IIntegrationEvent;

/// <summary>An address was closed on ClosedOn. Reason is a code (left, deceased, no_longer_eligible, duplicate, other).</summary>
public sealed record AddressClosed(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid AddressId, DateOnly ClosedOn, string Reason) : IIntegrationEvent;

/// <summary>An address received help outside relief's distributions (Kind cash, in_kind or service), valued in whole VND.</summary>
public sealed record AddressAssisted(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid AddressId, DateOnly AssistedOn, string Kind,
    long ValueVnd) : IIntegrationEvent;

/// <summary>A sponsor (nhà tài trợ) was registered by the unit that deals with it. Kind is organisation or individual.
/// DisplayName is the organisation's name, for reports that name their sponsors; for an individual it is always empty:
/// a person's name is personal data, which an append-only log cannot forget.</summary>
public sealed record SponsorRegistered(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid SponsorId, string Kind, string DisplayName) : IIntegrationEvent;
