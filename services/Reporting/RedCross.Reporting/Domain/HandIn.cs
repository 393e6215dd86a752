namespace RedCross.Reporting.Domain;

/// <summary>Where a staff note may go: a section of the report, or one difficulty the rules may derive.</summary>
internal static class NoteSections
{
    public const string DifficultyPrefix = "difficulty:";

    /// <summary>Section I's four areas (the codes of <see cref="SectionOne"/>), its tables, and section II as a whole.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["organisation", "relief", "health", "awards", "child_units", "programmes", "commendations", "difficulties"];

    public static string ForDifficulty(string code) => DifficultyPrefix + code;

    public static bool IsKnown(string section) =>
        Sections.Contains(section)
        || (section.StartsWith(DifficultyPrefix, StringComparison.Ordinal) && Difficulties.Codes.Contains(section[DifficultyPrefix.Length..]));
}

/// <summary>One figure that differs between the issued version and now.</summary>
internal sealed record FigureChange(string Code, long Issued, long Now)
{
    public long Difference => Now - Issued;
}

/// <summary>A unit's report status in the hand-in view.</summary>
internal static class HandInStatus
{
    public const string NotIssued = "not_issued";
    public const string Issued = "issued";
    public const string Amended = "amended";

    public static string Of(bool issued, int changedFigures) =>
        !issued ? NotIssued : changedFigures > 0 ? Amended : Issued;
}

/// <summary>Amendments are derived, not stored: the issued figures against today's, code by code. A code missing on
/// one side counts as zero there (a figure that appeared, or disappeared, after the issue). The parts of a figure's
/// breakdown by sex and age are not listed: they change only with their figure, which is.</summary>
internal static class Amendments
{
    private static readonly Dictionary<string, int> CatalogOrder =
        Indicators.Catalog.Select((i, n) => (i.Code, n)).ToDictionary(x => x.Code, x => x.n);

    private static readonly HashSet<string> Parts = [.. Indicators.Catalog.Where(i => i.PartOf is not null).Select(i => i.Code)];

    public static IReadOnlyList<FigureChange> Diff(IReadOnlyDictionary<string, long> issued, IReadOnlyDictionary<string, long> now) =>
        [.. issued.Keys.Union(now.Keys)
            .Select(code => new FigureChange(code, issued.GetValueOrDefault(code), now.GetValueOrDefault(code)))
            .Where(c => c.Difference != 0 && !Parts.Contains(c.Code))
            .OrderBy(c => CatalogOrder.GetValueOrDefault(c.Code, int.MaxValue))
            .ThenBy(c => c.Code, StringComparer.Ordinal)];
}
