using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>A programme or campaign of the year, summed over a unit's subtree. Each result keeps its own unit: visits
/// (people examined or advised), communication sessions (meetings held), blood donations and their volume.</summary>
internal sealed record ProgrammeLine(string Campaign, string Type, IReadOnlyList<string> Partners, IReadOnlyList<string> Sponsors,
    long Beneficiaries, long Visits, long ValueVnd, long CommunicationSessions, long BloodDonations, long BloodVolumeMl);

/// <summary>Commendations of one issuer, form and movement (a code of <see cref="Domain.Indicators.MovementKinds"/>, empty
/// for lines counted before movements were kept) in the year, summed over a unit's subtree.</summary>
internal sealed record CommendationLine(string Issuer, string Form, string Movement, long Collectives, long Individuals, long CashVnd);

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
