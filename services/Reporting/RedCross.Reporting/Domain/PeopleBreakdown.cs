using RedCross.Contracts.Events;
using static RedCross.Reporting.Domain.Indicators;

namespace RedCross.Reporting.Domain;

/// <summary>The figures that count people, broken down by sex and by the IFRC FDRS age bands, as the movement's own
/// reporting asks of every National Society. Each person counted adds to one sex part and one age part of the figure
/// (the parts are catalogue codes: "campaign.blood.donations.sex.female", "….age.18_29"), so each breakdown sums to
/// the figure. A person whose sex or band the event does not carry (events recorded before they were added, a gift to
/// an address with no beneficiary) counts as other or unknown, and in the unknown band.</summary>
internal static class PeopleBreakdown
{
    public const string OtherOrUnknownSex = "other_unknown";
    public const string UnknownAge = "unknown";

    /// <summary>The figures broken down, in report order: the stocks at the period's end, then the flows.</summary>
    public static readonly IReadOnlyList<string> Figures =
        [MembersActive, VolunteersActive, MembersNew, VolunteersNew, ReliefBeneficiariesReached, CampaignBloodDonors, CampaignBloodDonations];

    public static readonly IReadOnlyList<(string Key, string Vi, string En)> Sexes =
    [
        ("female", "Nữ", "Female"),
        ("male", "Nam", "Male"),
        (OtherOrUnknownSex, "Khác hoặc không rõ", "Other or unknown"),
    ];

    /// <summary>The FDRS bands ("0-5" … "80+") as code parts ("0_5" … "80_plus"), then the unknown band.</summary>
    public static readonly IReadOnlyList<(string Key, string Vi, string En)> AgeBands =
    [
        .. PersonBands.AgeBands.Select(b => (AgeKey(b), b, b)),
        (UnknownAge, "Không rõ tuổi", "Age unknown"),
    ];

    /// <summary>The stocks among <see cref="Figures"/>: their parts are given at years' ends only (a year of birth is all
    /// reporting keeps of a member's age), so only for periods that are years.</summary>
    public static readonly IReadOnlyList<string> Stocks = [MembersActive, VolunteersActive];

    public static bool IsYearOnly(string code) => Stocks.Any(stock => code.StartsWith(stock + ".", StringComparison.Ordinal));

    public static string BySex(string code, string sexKey) => $"{code}.sex.{sexKey}";

    public static string ByAge(string code, string ageKey) => $"{code}.age.{ageKey}";

    /// <summary>The sex part a recorded sex counts in: female, male, or other or unknown.</summary>
    public static string SexKey(string? sex) => sex is "female" or "male" ? sex : OtherOrUnknownSex;

    /// <summary>The age part a band as events carry it ("18-29", "80+", null) counts in.</summary>
    public static string AgeKey(string? band) =>
        band is not null && PersonBands.AgeBands.Contains(band) ? band.Replace("-", "_", StringComparison.Ordinal).Replace("+", "_plus", StringComparison.Ordinal) : UnknownAge;

    /// <summary>The catalogue's entries for one figure's parts, labelled after the figure.</summary>
    public static IEnumerable<IndicatorDefinition> Parts(IndicatorDefinition figure) =>
    [
        .. Sexes.Select(s => figure with { Code = BySex(figure.Code, s.Key), Vi = $"{figure.Vi} - {s.Vi}", En = $"{figure.En} - {s.En}", PartOf = figure.Code }),
        .. AgeBands.Select(a => figure with
        {
            Code = ByAge(figure.Code, a.Key),
            Vi = a.Key == UnknownAge ? $"{figure.Vi} - {a.Vi}" : $"{figure.Vi} - {a.Vi} tuổi",
            En = a.Key == UnknownAge ? $"{figure.En} - {a.En}" : $"{figure.En} - aged {a.En}",
            PartOf = figure.Code,
        }),
    ];
}
