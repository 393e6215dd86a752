using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Relief's events. What reached people is counted once, from distributions (sponsor-direct gifts
/// included) and humanitarian addresses' assistance ledgers; a donation received counts only in what came in, so
/// receiving and then distributing it is not counted twice. A reversal repeats the original's unit, date and value, and is added negated.</summary>
internal sealed class ReliefProjection : SourceProjection
{
    public ReliefProjection()
    {
        On<DonationReceived>((e, w) => w.Add(e.OrgUnitCode, e.ReceivedOn, Indicators.ReliefDonationsReceived, e.ValueVnd));
        On<DistributionRecorded>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefActivityValue, e.ValueVnd);
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefBeneficiariesReached, 1);
        });
        On<DistributionReversed>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefActivityValue, -e.ValueVnd);
            w.Add(e.OrgUnitCode, e.HandedOverOn, Indicators.ReliefBeneficiariesReached, -1);
        });
        NotCountedYet<BeneficiaryRegistered>();

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
    }
}
