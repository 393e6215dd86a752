namespace RedCross.Contracts.Events.Campaign;

// Events of the campaign service: ids, units, dates, kinds and figures only, and a donor's sex and age band for
// counting. No names, birth dates, contacts or health
// data (weight, blood group, deferral reasons): an append-only log cannot forget them, and neither reporting nor
// awards needs them. Activity dates are Vietnam-local calendar dates.

/// <summary>A voluntary blood donation was recorded for a donor of the unit (the donor's home unit). Component is
/// whole_blood, plasma or platelets; CumulativeCount is the donor's donations including this one, so a consumer
/// (awards' recognition) needs no history of its own to know where the donor stands. CampaignId is the session's
/// campaign, when it had one. DonorSex and DonorAgeBand (the FDRS band on the day given, <see cref="PersonBands"/>) let
/// reports count donations by sex and age; both are null in events recorded before they were added.</summary>
public sealed record BloodDonationRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid DonationId, Guid DonorId, Guid? CampaignId,
    string Component, int VolumeMl, DateOnly DonatedOn, int CumulativeCount, string? DonorSex = null,
    string? DonorAgeBand = null) : IIntegrationEvent;

/// <summary>A campaign of the unit (its organising unit) was opened on OpenedOn: from then on it counts as held. Type is
/// blood_donation, health_check, health_consultation, disease_prevention, summer_activities, fundraising,
/// tet_for_the_poor, first_aid or other. Name is the programme's title and Partners the names of its partner
/// organisations (the health sector, schools, companies: organisations, never people), for the annual report; both
/// were added later and are null in events recorded before.</summary>
public sealed record CampaignOpened(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CampaignId, string Type, DateOnly StartDate,
    DateOnly EndDate, DateOnly OpenedOn, string? Name = null, IReadOnlyList<string>? Partners = null) : IIntegrationEvent;

/// <summary>A partner organisation (by name) joined a campaign of the unit after it was opened; partners named before
/// are in <see cref="CampaignOpened"/>.</summary>
public sealed record CampaignPartnerAdded(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CampaignId, string PartnerName, string PartnerKind) : IIntegrationEvent;

/// <summary>A campaign's beneficiary list (danh sách đối tượng) was drawn from relief on DrawnOn with Count entries;
/// a new draw replaces the list, so the latest draw's count is the list's size. Who is on it stays in campaign.</summary>
public sealed record CampaignBeneficiaryListDrawn(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CampaignId, DateOnly DrawnOn, int Count) : IIntegrationEvent;

/// <summary>Results of a campaign of the unit were recorded for RecordedOn: people served, visits by kind
/// (examinations, consultations, communication sessions) and funds raised in whole VND.</summary>
public sealed record CampaignResultRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CampaignId, Guid ResultId, string Type,
    DateOnly RecordedOn, long PeopleServed, long Examinations, long Consultations, long CommunicationSessions,
    long FundsRaisedVnd) : IIntegrationEvent;

/// <summary>A correcting entry (ResultId) replaced the figures of CorrectedResultId. RecordedOn is the corrected entry's
/// day, and each figure is the change (right minus wrong, negative when the first entry said too much), so a consumer
/// adds it to what it counted for that day whatever order the two arrive in.</summary>
public sealed record CampaignResultCorrected(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CampaignId, Guid ResultId, Guid CorrectedResultId,
    string Type, DateOnly RecordedOn, long PeopleServed, long Examinations, long Consultations, long CommunicationSessions,
    long FundsRaisedVnd) : IIntegrationEvent;

/// <summary>A campaign of the unit was closed on ClosedOn, with its result totals (corrections applied) and the
/// donations recorded at its sessions, for the record; its figures were counted entry by entry already.</summary>
public sealed record CampaignClosed(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid CampaignId, string Type, DateOnly ClosedOn,
    long PeopleServed, long Examinations, long Consultations, long CommunicationSessions, long FundsRaisedVnd,
    long BloodDonations) : IIntegrationEvent;
