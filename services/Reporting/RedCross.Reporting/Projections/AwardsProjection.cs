using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Events.Awards;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Awards' events. A commendation counts in its recipient's unit, as a collective or an individual, with its
/// cash, in total and again under its issuer's kind (`awards.….district_emulation_council`, ...), so a report shows the
/// town council's, the provincial Red Cross's and the town Red Cross's commendations apart with one plain query. It
/// counts in its award year: on the decision date when the decision falls in that year, else on 31 December of it (a
/// decision in January for last year's work belongs to last year's report). A revocation repeats the approval's figures
/// and is added negated on the same day, in any arrival order.</summary>
internal sealed class AwardsProjection : SourceProjection
{
    public AwardsProjection()
    {
        On<CommendationApproved>((e, w) => Count(w, e.OrgUnitCode, e.IssuerKind, e.RecipientKind, e.Year, e.DecisionDate, e.CashVnd, 1));
        On<CommendationRevoked>((e, w) => Count(w, e.OrgUnitCode, e.IssuerKind, e.RecipientKind, e.Year, e.DecisionDate, e.CashVnd, -1));
        // A proposal is not a commendation: nominations in the pipeline are read from awards itself.
        NotCountedYet<NominationSubmitted>();
    }

    public override string Name => "awards";

    public override EventSource Source => EventSource.Grpc<AwardsEventLog.AwardsEventLogClient>(Name, EventTypes,
        (client, request, options) => client.StreamEvents(request, options),
        (client, request, options) => client.DescribeEventLogAsync(request, options));

    public override Task ClearAsync(ReportingDb db, CancellationToken cancellationToken) =>
        db.Cells.Where(c => c.Code.StartsWith("awards.")).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The day a commendation counts on: its decision's, kept inside its award year.</summary>
    public static DateOnly CountedOn(int year, DateOnly decisionDate) => decisionDate.Year == year ? decisionDate : new DateOnly(year, 12, 31);

    private static void Count(ProjectionWriter w, string unit, string issuerKind, string recipientKind, int year, DateOnly decided, long cash, int sign)
    {
        var on = CountedOn(year, decided);
        var count = recipientKind is "org_unit" or "group" ? Indicators.AwardsCollective : Indicators.AwardsIndividual;
        foreach (var code in new[] { count, Indicators.ByIssuer(count, issuerKind) })
        {
            w.Add(unit, on, code, sign);
        }

        if (cash != 0)
        {
            w.Add(unit, on, Indicators.AwardsCash, sign * cash);
            w.Add(unit, on, Indicators.ByIssuer(Indicators.AwardsCash, issuerKind), sign * cash);
        }
    }
}
