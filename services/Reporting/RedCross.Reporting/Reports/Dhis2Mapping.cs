using System.Security.Cryptography;
using System.Text;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>A category option of a DHIS2 disaggregation; with one category per combo, its category option combo has the
/// same code.</summary>
internal sealed record Dhis2Option(string Code, string Name, string Indicator);

/// <summary>A DHIS2 category (and its category combo, of the same code): the kinds one data element is broken down by.</summary>
internal sealed record Dhis2Category(string Code, string Name, IReadOnlyList<Dhis2Option> Options);

/// <summary>A DHIS2 data element: a catalogue indicator, broken down by <paramref name="Category"/> when it has one.</summary>
internal sealed record Dhis2Element(IndicatorDefinition Indicator, string AggregationType, Dhis2Category? Category)
{
    public string Code => Indicator.Code;
}

/// <summary>Where a catalogue figure goes in DHIS2: a data element, and the category option combo of a breakdown (null:
/// DHIS2's default combo).</summary>
internal readonly record struct Dhis2Target(string DataElement, string? CategoryOptionCombo);

/// <summary>The catalogue as DHIS2 metadata. Codes are the catalogue's where they fit DHIS2's 50 characters; the per-issuer
/// awards figures (whose codes reach 60) and the health visits by kind are category option combos of their total's data
/// element, so DHIS2 sums them to the total and the total itself is not sent. A stock counted at the period's end is
/// aggregated over time by its last value (LAST: the last value in time, summed over the org unit hierarchy); a unit's
/// growth target is its own plan for its subtree, not to be summed over the hierarchy (NONE); the percentage against it
/// is a ratio DHIS2 would compute itself and is not a data element. docs/dhis2.md is written from this mapping.</summary>
internal static class Dhis2Mapping
{
    /// <summary>DHIS2's limit on every code (data elements, category options, combos, org units, data sets).</summary>
    public const int MaxCodeLength = 50;

    public static readonly Dhis2Category IssuerKind = new("rc.issuer_kind", "Cấp khen thưởng / Issuer of the commendation",
        [.. Indicators.IssuerKinds.Select(k => new Dhis2Option("rc.issuer." + k.Kind, $"{k.Vi} / {k.En}", k.Kind))]);

    // Communication sessions are sessions, not visits: a data element of their own, outside this category.
    public static readonly Dhis2Category HealthVisitKind = new("rc.health_visit_kind", "Loại lượt khám, tư vấn / Kind of health visit",
    [
        Visit(Indicators.CampaignVisitsExamination, "examination"),
        Visit(Indicators.CampaignVisitsConsultation, "consultation"),
    ]);

    /// <summary>Catalogue codes that are not DHIS2 data: each with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotExported = new Dictionary<string, string>
    {
        [Indicators.GrowthPercent] = "a ratio of two figures: DHIS2 computes it (an indicator of new members over the target), summing it would be wrong",
    };

    // FDRS asks people counts by sex and by age band, each on its own: two data elements per people figure, each with a
    // category of its own, rather than one element crossing the two (the parts are kept apart, not crossed).
    public static readonly Dhis2Category Sex = new("rc.sex", "Giới tính / Sex",
        [.. PeopleBreakdown.Sexes.Select(x => new Dhis2Option("rc.sex." + x.Key, $"{x.Vi} / {x.En}", x.Key))]);

    public static readonly Dhis2Category AgeBand = new("rc.age_band", "Nhóm tuổi (FDRS) / Age band (FDRS)",
        [.. PeopleBreakdown.AgeBands.Select(x => new Dhis2Option("rc.age." + x.Key, x.Key == PeopleBreakdown.UnknownAge ? $"{x.Vi} / {x.En}" : x.En, x.Key))]);

    private static readonly HashSet<string> Stocks = [Indicators.MembersActive, Indicators.VolunteersActive, Indicators.ReliefAddressesActive, Indicators.ReliefAddressesOverdue];

    private static readonly Dictionary<string, Dhis2Category> Breakdowns = new()
    {
        [Indicators.AwardsCollective] = IssuerKind,
        [Indicators.AwardsIndividual] = IssuerKind,
        [Indicators.AwardsCash] = IssuerKind,
        [Indicators.CampaignVisits] = HealthVisitKind,
    };

    /// <summary>Each people figure's two breakdowns, as data elements of their own ("….sex", "….age") beside the figure's.</summary>
    private static readonly Dhis2Element[] PeopleElements = [.. PeopleBreakdown.Figures.SelectMany(code =>
    {
        var figure = Indicators.Of(code);
        return new[]
        {
            new Dhis2Element(figure with { Code = code + ".sex", Vi = figure.Vi + " - theo giới tính", En = figure.En + " - by sex" }, AggregationOf(code), Sex),
            new Dhis2Element(figure with { Code = code + ".age", Vi = figure.Vi + " - theo nhóm tuổi", En = figure.En + " - by age band" }, AggregationOf(code), AgeBand),
        };
    })];

    /// <summary>The data elements, in catalogue order.</summary>
    public static readonly IReadOnlyList<Dhis2Element> Elements = [.. Indicators.Catalog
        .Where(i => !NotExported.ContainsKey(i.Code) && !IsBreakdownPart(i.Code) && i.PartOf is null)
        .SelectMany(i => PeopleElements.Where(p => IsPeopleElementOf(p, i.Code))
            .Prepend(new Dhis2Element(i, AggregationOf(i.Code), Breakdowns.GetValueOrDefault(i.Code))))];

    /// <summary>Every catalogue code sent to DHIS2, and where it goes; a breakdown's total is left to DHIS2.</summary>
    public static readonly IReadOnlyDictionary<string, Dhis2Target> Targets = Elements
        .SelectMany(e => e.Category is { } category
            ? category.Options.Select(o => (Code: PartCode(e.Code, category, o), Target: new Dhis2Target(e.Code, o.Code)))
            : [(e.Code, new Dhis2Target(e.Code, null))])
        .ToDictionary(t => t.Code, t => t.Target);

    public static IEnumerable<Dhis2Category> Categories => Elements.Select(e => e.Category).OfType<Dhis2Category>().Distinct();

    /// <summary>A DHIS2 identifier (11 characters, a letter first) that is the same for the same object on every export,
    /// so importing a package again updates the objects instead of adding new ones.</summary>
    public static string Uid(string kind, string code)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const string Alphanumerics = Letters + "0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"redcross.platform/{kind}/{code}"));
        var uid = new StringBuilder(11).Append(Letters[hash[0] % Letters.Length]);
        for (var i = 1; i < 11; i++)
        {
            uid.Append(Alphanumerics[hash[i] % Alphanumerics.Length]);
        }

        return uid.ToString();
    }

    /// <summary>The catalogue code of one option of a breakdown: the issuer's kind appended to an awards code, the sex or
    /// band appended to a people figure's breakdown ("….sex.female"), the kind of visit's own indicator for the visits.</summary>
    private static string PartCode(string total, Dhis2Category category, Dhis2Option option) =>
        category == HealthVisitKind ? option.Indicator : total + "." + option.Indicator;

    private static bool IsPeopleElementOf(Dhis2Element element, string figure) =>
        element.Code == figure + ".sex" || element.Code == figure + ".age";

    private static bool IsBreakdownPart(string code) =>
        Breakdowns.Any(b => b.Value.Options.Any(o => PartCode(b.Key, b.Value, o) == code));

    private static string AggregationOf(string code) =>
        Stocks.Contains(code) ? "LAST" : code == Indicators.GrowthTarget ? "NONE" : "SUM";

    private static Dhis2Option Visit(string indicator, string kind)
    {
        var definition = Indicators.Of(indicator);
        return new Dhis2Option("rc.health_visit." + kind, $"{definition.Vi} / {definition.En}", indicator);
    }
}
