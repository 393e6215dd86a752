using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Campaign;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Campaign's events. A campaign counts as held once, in its organising unit, in the period of its start date
/// (a programme recorded late still belongs to the year it ran). Results count in the organising unit on the day they
/// are for; a correcting entry carries the change for that day, so the pair sums to the right figures in either
/// order. Visits are examinations and consultations (people served one by one); communication sessions are meetings held,
/// their own indicator and never added to visits. Blood donations count in the donor's home unit on the day given.
/// Closing only confirms totals already counted entry by entry. Each campaign is also kept as a row of
/// `campaign_programmes` (title, type, dates, list size, visits, sessions, and the donations given at its sessions
/// with their volume) with its partners, which the annual report lists with the gifts relief recorded against it
/// (<see cref="ProgrammeSection"/>).</summary>
internal sealed class CampaignProjection : SourceProjection, IProgrammeSection
{
    public CampaignProjection()
    {
        On<CampaignOpened>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.StartDate, Indicators.CampaignsHeld, 1);
            w.ProgrammeOpened(e.CampaignId, e.OrgUnitCode, e.Name ?? string.Empty, e.Type, e.StartDate, e.EndDate);
            foreach (var partner in e.Partners ?? [])
            {
                w.Partner(e.CampaignId, partner);
            }
        });
        On<CampaignPartnerAdded>((e, w) => w.Partner(e.CampaignId, e.PartnerName));
        On<CampaignBeneficiaryListDrawn>((e, w) => w.ProgrammeList(e.CampaignId, e.OrgUnitCode, e.Count, e.OccurredAt));
        On<CampaignResultRecorded>((e, w) =>
        {
            AddResults(w, e.OrgUnitCode, e.RecordedOn, e.PeopleServed, e.Examinations, e.Consultations, e.CommunicationSessions, e.FundsRaisedVnd);
            w.ProgrammeVisits(e.CampaignId, e.OrgUnitCode, e.Type, e.Examinations + e.Consultations, e.CommunicationSessions);
        });
        On<CampaignResultCorrected>((e, w) =>
        {
            AddResults(w, e.OrgUnitCode, e.RecordedOn, e.PeopleServed, e.Examinations, e.Consultations, e.CommunicationSessions, e.FundsRaisedVnd);
            w.ProgrammeVisits(e.CampaignId, e.OrgUnitCode, e.Type, e.Examinations + e.Consultations, e.CommunicationSessions);
        });
        On<BloodDonationRecorded>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.DonatedOn, Indicators.CampaignBloodDonations, 1);
            w.Person(e.OrgUnitCode, e.DonatedOn, Indicators.CampaignBloodDonations, e.DonorSex, e.DonorAgeBand, 1);
            w.Donor(e.DonorId, e.OrgUnitCode, e.DonatedOn, Indicators.CampaignBloodDonors, e.DonorSex, e.DonorAgeBand);
            w.Add(e.OrgUnitCode, e.DonatedOn, Indicators.CampaignBloodVolumeMl, e.VolumeMl);
            if (e.CampaignId is { } campaign)
            {
                w.ProgrammeBlood(campaign, e.VolumeMl);
            }
        });
        NotCountedYet<CampaignClosed>();
    }

    public override string Name => "campaign";

    public override EventSource Source => EventSource.Grpc<CampaignEventLog.CampaignEventLogClient>(Name, EventTypes,
        (client, request, options) => client.StreamEvents(request, options),
        (client, request, options) => client.DescribeEventLogAsync(request, options));

    public override async Task ClearAsync(ReportingDb db, CancellationToken cancellationToken)
    {
        await db.Cells.Where(c => c.Code.StartsWith("campaign.")).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CampaignProgrammeRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<CampaignPartnerRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<DonorPeriod>().ExecuteDeleteAsync(cancellationToken);
    }

    public Task<IReadOnlyList<ProgrammeLine>> ProgrammesAsync(ReportingDb db, IReadOnlyCollection<string> unitCodes, Period period, CancellationToken cancellationToken) =>
        ProgrammeSection.ReadAsync(db, unitCodes, period, cancellationToken);

    /// <summary>Visits by kind and their sum (lượt khám, tư vấn), and communication sessions apart.</summary>
    private static void AddResults(ProjectionWriter w, string unit, DateOnly on, long people, long examinations, long consultations, long communication, long funds)
    {
        w.Add(unit, on, Indicators.CampaignPeopleServed, people);
        w.Add(unit, on, Indicators.CampaignVisits, examinations + consultations);
        w.Add(unit, on, Indicators.CampaignVisitsExamination, examinations);
        w.Add(unit, on, Indicators.CampaignVisitsConsultation, consultations);
        w.Add(unit, on, Indicators.CampaignCommunicationSessions, communication);
        w.Add(unit, on, Indicators.CampaignFundsRaised, funds);
    }
}
