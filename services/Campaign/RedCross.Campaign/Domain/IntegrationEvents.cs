using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Campaign;

namespace RedCross.Campaign.Domain;

/// <summary>The integration events campaign publishes, built from its entities in one place: ids, units, dates, kinds
/// and figures, and a donor's sex and age band. No names, birth dates, contacts or health data (weight, blood group,
/// deferral reasons).</summary>
internal static class IntegrationEvents
{
    public static CampaignOpened Opened(Campaign c, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, c.Type, c.StartDate, c.EndDate, c.OpenedOn!.Value, c.Name,
        [.. c.Partners.Select(p => p.Name)]);

    public static CampaignPartnerAdded PartnerAdded(Campaign c, CampaignPartner p, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, p.Name, p.Kind);

    public static CampaignBeneficiaryListDrawn ListDrawn(Campaign c, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, c.BeneficiaryListDrawnOn!.Value, c.BeneficiaryListCount);

    public static CampaignResultRecorded Recorded(Campaign c, CampaignResult r, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, r.Id, c.Type, r.RecordedOn, r.Figures.PeopleServed, r.Figures.Examinations,
        r.Figures.Consultations, r.Figures.CommunicationSessions, r.Figures.FundsRaisedVnd);

    /// <summary><paramref name="change"/> is the correcting entry's figures minus the corrected one's.</summary>
    public static CampaignResultCorrected Corrected(Campaign c, CampaignResult correcting, CampaignResult corrected, Figures change, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, correcting.Id, corrected.Id, c.Type, corrected.RecordedOn, change.PeopleServed,
        change.Examinations, change.Consultations, change.CommunicationSessions, change.FundsRaisedVnd);

    public static CampaignClosed Closed(Campaign c, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, c.Type, c.ClosedOn!.Value, c.Totals.PeopleServed, c.Totals.Examinations,
        c.Totals.Consultations, c.Totals.CommunicationSessions, c.Totals.FundsRaisedVnd, c.Totals.BloodDonations);

    /// <summary>The donor's sex and age band on the day given, never the birth date.</summary>
    public static BloodDonationRecorded Donated(BloodDonation d, BloodDonor donor, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, d.OrgUnitCode, d.Id, d.DonorId, d.CampaignId, d.Component, d.VolumeMl, d.DonatedOn, d.CumulativeCount,
        donor.Sex, PersonBands.AgeBandAt(donor.BirthDate, d.DonatedOn));
}
