using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Relief's events. What reached people is counted once, from distributions (sponsor-direct gifts
/// included); a donation received counts only in what came in, so receiving and then distributing it is not
/// counted twice. A reversal repeats the original's unit, date and value, and is added negated.</summary>
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
        // Counted when BeneficiaryRegistered is: a register of beneficiaries by category would apply both.
        NotCountedYet<BeneficiaryUpdated>();
    }

    public override string Name => "relief";

    public override EventSource Source => EventSource.Grpc<ReliefEventLog.ReliefEventLogClient>(Name, EventTypes,
        (client, request, options) => client.StreamEvents(request, options),
        (client, request, options) => client.DescribeEventLogAsync(request, options));

    public override Task ClearAsync(ReportingDb db, CancellationToken cancellationToken) =>
        db.Cells.Where(c => c.Code.StartsWith("relief.")).ExecuteDeleteAsync(cancellationToken);
}
