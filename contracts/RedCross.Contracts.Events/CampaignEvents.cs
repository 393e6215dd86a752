namespace RedCross.Contracts.Events.Campaign;

// Events of the campaign service: ids, units, dates, kinds and figures only. No names, birth dates, contacts or health
// data (weight, blood group, deferral reasons): an append-only log cannot forget them, and neither reporting nor
// awards needs them. Activity dates are Vietnam-local calendar dates.

/// <summary>A voluntary blood donation was recorded for a donor of the unit (the donor's home unit). Component is
/// whole_blood, plasma or platelets; CumulativeCount is the donor's donations including this one, so a consumer
/// (awards' recognition) needs no history of its own to know where the donor stands. CampaignId is the session's
/// campaign, when it had one.</summary>
public sealed record BloodDonationRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode, Guid DonationId, Guid DonorId, Guid? CampaignId,
    string Component, int VolumeMl, DateOnly DonatedOn, int CumulativeCount) : IIntegrationEvent;
