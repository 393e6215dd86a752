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
/// and is added negated on the same day, in any arrival order. The same figures are kept per issuer, form and movement
/// in `commendation_lines`, for the report's commendations section.</summary>
internal sealed class AwardsProjection : SourceProjection, ICommendationSection
{
    public AwardsProjection()
    {
        On<CommendationApproved>((e, w) => Count(w, e.OrgUnitCode, e.IssuerCode, e.IssuerKind, e.IssuerOrgUnitCode, e.FormKind, e.Movement, e.RecipientKind,
            e.Year, e.DecisionDate, e.CashVnd, 1));
        On<CommendationRevoked>((e, w) => Count(w, e.OrgUnitCode, e.IssuerCode, e.IssuerKind, e.IssuerOrgUnitCode, e.FormKind, e.Movement, e.RecipientKind,
            e.Year, e.DecisionDate, e.CashVnd, -1));
        // A proposal is not a commendation: nominations in the pipeline are read from awards itself.
        NotCountedYet<NominationSubmitted>();
    }

    public override string Name => "awards";

    public override EventSource Source => EventSource.Grpc<AwardsEventLog.AwardsEventLogClient>(Name, EventTypes,
        (client, request, options) => client.StreamEvents(request, options),
        (client, request, options) => client.DescribeEventLogAsync(request, options));

    public override async Task ClearAsync(ReportingDb db, CancellationToken cancellationToken)
    {
        await db.Cells.Where(c => c.Code.StartsWith("awards.")).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CommendationLineRow>().ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The day a commendation counts on: its decision's, kept inside its award year.</summary>
    public static DateOnly CountedOn(int year, DateOnly decisionDate) => decisionDate.Year == year ? decisionDate : new DateOnly(year, 12, 31);

    /// <summary>One line per issuer, form and movement with commendations in the subtree and period, the issuer named by
    /// its kind and the unit acting for it (as that unit was named at the period's end), in the order of the issuer kinds,
    /// then of the movements.</summary>
    public async Task<IReadOnlyList<CommendationLine>> CommendationsAsync(ReportingDb db, IReadOnlyCollection<string> unitCodes, Period period, CancellationToken cancellationToken)
    {
        var codes = unitCodes.ToList();
        var sums = await db.Set<CommendationLineRow>().AsNoTracking()
            .Where(r => codes.Contains(r.OrgUnitCode) && r.CountedOn >= period.From && r.CountedOn <= period.To)
            .GroupBy(r => new { r.IssuerCode, r.IssuerKind, r.IssuerOrgUnitCode, r.FormKind, r.Movement })
            .Select(g => new { g.Key, Collectives = g.Sum(r => r.Collectives), Individuals = g.Sum(r => r.Individuals), CashVnd = g.Sum(r => r.CashVnd) })
            .ToListAsync(cancellationToken);
        var lines = new List<(int Order, string IssuerCode, string FormKind, int MovementOrder, CommendationLine Line)>();
        foreach (var s in sums.Where(s => s.Collectives != 0 || s.Individuals != 0 || s.CashVnd != 0))
        {
            var issuer = await IssuerNameAsync(db, s.Key.IssuerKind, s.Key.IssuerOrgUnitCode, period.To, cancellationToken);
            var form = Indicators.FormKinds.FirstOrDefault(f => f.Kind == s.Key.FormKind).Vi ?? s.Key.FormKind;
            lines.Add((Order(Indicators.IssuerKinds, s.Key.IssuerKind), s.Key.IssuerCode, s.Key.FormKind, Order(Indicators.MovementKinds, s.Key.Movement),
                new CommendationLine(issuer, form, s.Key.Movement, s.Collectives, s.Individuals, s.CashVnd)));
        }

        return [.. lines.OrderBy(l => l.Order).ThenBy(l => l.IssuerCode, StringComparer.Ordinal).ThenBy(l => l.FormKind, StringComparer.Ordinal)
            .ThenBy(l => l.MovementOrder).Select(l => l.Line)];
    }

    private static async Task<string> IssuerNameAsync(ReportingDb db, string kind, string issuerUnit, DateOnly asOf, CancellationToken cancellationToken)
    {
        var label = Indicators.IssuerKinds.FirstOrDefault(k => k.Kind == kind).Vi ?? kind;
        var unit = issuerUnit.Length == 0 ? null : await OrgReplica.OrgReplica.FindAsync(db, issuerUnit, cancellationToken);
        return unit is null ? label : $"{label} ({unit.NameOn(asOf)})";
    }

    private static int Order(IReadOnlyList<(string Kind, string Vi, string En)> kinds, string kind)
    {
        var index = kinds.Select(k => k.Kind).ToList().IndexOf(kind);
        return index < 0 ? int.MaxValue : index;
    }

    private static void Count(ProjectionWriter w, string unit, string issuerCode, string issuerKind, string issuerUnit, string formKind, string movement,
        string recipientKind, int year, DateOnly decided, long cash, int sign)
    {
        var on = CountedOn(year, decided);
        var collective = recipientKind is "org_unit" or "group";
        var count = collective ? Indicators.AwardsCollective : Indicators.AwardsIndividual;
        foreach (var code in new[] { count, Indicators.ByIssuer(count, issuerKind) })
        {
            w.Add(unit, on, code, sign);
        }

        if (cash != 0)
        {
            w.Add(unit, on, Indicators.AwardsCash, sign * cash);
            w.Add(unit, on, Indicators.ByIssuer(Indicators.AwardsCash, issuerKind), sign * cash);
        }

        w.Commendation(unit, on, issuerCode, formKind, movement, issuerKind, issuerUnit, collective ? sign : 0, collective ? 0 : sign, sign * cash);
    }
}
