using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Relief's events. What reached people is counted once, from distributions (sponsor-direct gifts
/// included) and humanitarian addresses' assistance ledgers; a donation received counts only in what came in, so
/// receiving and then distributing it is not counted twice. A reversal repeats the original's unit, date and value, and is added negated.
/// Distributions recorded against a campaign are also summed per campaign and sponsor (`campaign_gifts`), and sponsors'
/// kinds and organisations' names kept (`sponsor_names`), for the annual report's programmes.</summary>
internal sealed class ReliefProjection : SourceProjection
{
    public ReliefProjection()
    {
        On<DonationReceived>((e, w) => w.Add(e.OrgUnitCode, e.ReceivedOn, Indicators.ReliefDonationsReceived, e.ValueVnd));
        On<DistributionRecorded>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefActivityValue, e.ValueVnd);
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefBeneficiariesReached, 1);
            w.Person(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefBeneficiariesReached, e.RecipientSex, e.RecipientAgeBand, 1);
            AddGift(w, e.CampaignRef, e.SponsorId, e.ValueVnd, 1);
        });
        On<DistributionReversed>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefActivityValue, -e.ValueVnd);
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefBeneficiariesReached, -1);
            w.Person(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefBeneficiariesReached, e.RecipientSex, e.RecipientAgeBand, -1);
            AddGift(w, e.CampaignRef, e.SponsorId, -e.ValueVnd, -1);
        });
        // Sponsors' kinds, and organisations' names, for the annual report's programmes.
        On<SponsorRegistered>((e, w) => w.SponsorName(e.SponsorId, e.Kind, e.Kind == "organisation" ? e.DisplayName : string.Empty));
        On<BeneficiaryRegistered>((e, w) => w.Add(e.OrgUnitCode, e.RegisteredOn, Indicators.ReliefBeneficiariesRegistered, 1));
        // Livestock bank: a given cow reached a household, so its value counts in the activity value once, on the day
        // it was given (a cow must not also be recorded as a distribution). A pass-on adds no value: the calf is the
        // programme's own increase moving on to the next household, not new relief; counting it would count the
        // programme's one gift again and again down the line. Both count as livestock handovers of their own.
        On<LivestockGiven>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.GivenOn, Indicators.ReliefLivestockGiven, 1);
            w.Add(e.OrgUnitCode, e.GivenOn, Indicators.ReliefActivityValue, e.ValueVnd);
        });
        On<LivestockPassedOn>((e, w) => w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefLivestockPassedOn, 1));
        NotCountedYet<CalfBorn>();
        NotCountedYet<HandoverObligationCreated>();
        NotCountedYet<LivestockOutcomeRecorded>();
        // A registration counts once, where and when it was made; an update (a move, new categories) changes no flow.
        // A register of beneficiaries by category at a date would apply both.
        NotCountedYet<BeneficiaryUpdated>();
        // Never counted: an anonymisation erases names in the services that keep them and changes no figure.
        NotCountedYet<BeneficiaryAnonymised>();

        // Humanitarian addresses: a timeline per address, read at a period's end (relief.addresses.active and
        // .review_overdue). An address's assistance ledger holds, by relief's contract, only help that did not go
        // through a distribution (a distribution to an address is its own record, counted above, and is never copied
        // into the ledger), so a ledger entry counts in the total value of activities once, here.
        On<AddressOpened>((e, w) => w.AddressPoint(e.EventId, e.AddressId, e.OrgUnitCode, e.OpenedOn, e.OccurredAt, e.DueOn));
        On<AddressReviewed>((e, w) => w.AddressPoint(e.EventId, e.AddressId, e.OrgUnitCode, e.ReviewedOn, e.OccurredAt, e.NextDueOn));
        On<AddressClosed>((e, w) => w.AddressPoint(e.EventId, e.AddressId, e.OrgUnitCode, e.ClosedOn, e.OccurredAt, null));
        On<AddressAssisted>((e, w) => w.Add(e.OrgUnitCode, e.AssistedOn, Indicators.ReliefActivityValue, e.ValueVnd));
    }

    public override string Name => "relief";

    public override EventSource Source => EventSource.Grpc<ReliefEventLog.ReliefEventLogClient>(Name, EventTypes,
        (client, request, options) => client.StreamEvents(request, options),
        (client, request, options) => client.DescribeEventLogAsync(request, options));

    public override async Task ClearAsync(ReportingDb db, CancellationToken cancellationToken)
    {
        await db.Cells.Where(c => c.Code.StartsWith("relief.")).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AddressTimelinePoint>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<StockDelta>().Where(d => d.Code.StartsWith("relief.")).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CampaignGiftRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<SponsorNameRow>().ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A distribution recorded against a campaign (campaign_ref holds its id) is one of the campaign's gifts, per
    /// sponsor (Guid.Empty: from a fund); free-text references from before campaigns existed are not.</summary>
    private static void AddGift(ProjectionWriter w, string? campaignRef, Guid? sponsorId, long valueVnd, int gifts)
    {
        if (Guid.TryParse(campaignRef, out var campaignId))
        {
            w.Gift(campaignId, sponsorId ?? Guid.Empty, valueVnd, gifts);
        }
    }
}
