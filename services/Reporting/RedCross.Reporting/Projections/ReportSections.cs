using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>A programme or campaign of the year, summed over a unit's subtree.</summary>
internal sealed record ProgrammeLine(string Campaign, string Type, IReadOnlyList<string> Partners, IReadOnlyList<string> Sponsors,
    long Beneficiaries, long Visits, long ValueVnd);

/// <summary>Commendations of one issuer and form in the year, summed over a unit's subtree.</summary>
internal sealed record CommendationLine(string Issuer, string Form, long Collectives, long Individuals, long CashVnd);

/// <summary>A source projection that fills the annual report's programmes (campaign's, once it lands): a projection in
/// <see cref="ReportingSources.All"/> that implements it is asked by every report, with no other change.</summary>
internal interface IProgrammeSection
{
    Task<IReadOnlyList<ProgrammeLine>> ProgrammesAsync(ReportingDb db, IReadOnlyCollection<string> unitCodes, Period period, CancellationToken cancellationToken);
}

/// <summary>A source projection that fills the annual report's commendations (awards', once it lands).</summary>
internal interface ICommendationSection
{
    Task<IReadOnlyList<CommendationLine>> CommendationsAsync(ReportingDb db, IReadOnlyCollection<string> unitCodes, Period period, CancellationToken cancellationToken);
}
