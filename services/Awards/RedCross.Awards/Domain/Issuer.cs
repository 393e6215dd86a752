using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Awards.Domain;

/// <summary>Who commends (cấp khen), acting through one org unit of its level (none for the central Red Cross). Its
/// forms and cash rules are data, registered with it.</summary>
internal sealed class Issuer
{
    /// <summary>Largest cash amount accepted, whole VND.</summary>
    public const long MaxCashVnd = 10_000_000_000;

    public const string FormNotOffered = "FORM_NOT_OFFERED";
    public const string LevelMismatch = "ISSUER_LEVEL_MISMATCH";
    public const string NotAProvince = "NOT_A_PROVINCE";
    public const string ProvinceOutside = "PROVINCE_OUTSIDE_ISSUER";

    public string Code { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    /// <summary>The unit acting for the issuer; empty for the central Red Cross.</summary>
    public string OrgUnitCode { get; set; } = string.Empty;

    /// <summary>That unit's path; empty (the whole tree) for the central Red Cross.</summary>
    public string OrgUnitPath { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<IssuerForm> Forms { get; set; } = [];

    public string Level => IssuerKinds.LevelOf(Kind);

    public IssuerForm? Form(string kind) => Forms.FirstOrDefault(f => f.Kind == kind);

    /// <summary>The form of <paramref name="kind"/>, which the issuer must give.</summary>
    public IssuerForm EnsureGives(string kind) =>
        Form(kind) ?? throw new RuleViolationException(FormNotOffered, $"Issuer '{Code}' does not give {kind}.");

    /// <summary>True when a unit's path lies in the issuer's area (its unit's subtree; everything for central).</summary>
    public bool Covers(string unitPath) => OrgUnitPath.Length == 0 || OrgPath.IsWithin(unitPath, OrgUnitPath);

    /// <summary>An issuer acts through a unit of its kind's level.</summary>
    public static void EnsureActsThrough(string kind, string unitCode, string unitLevel)
    {
        if (unitLevel != IssuerKinds.LevelOf(kind))
        {
            throw new RuleViolationException(LevelMismatch, $"A {kind} acts through a {IssuerKinds.LevelOf(kind)}; '{unitCode}' is a {unitLevel}.");
        }
    }

    /// <summary>A tier table is kept for a province the issuer acts in (or one above the issuer's unit), for forms it gives.</summary>
    public void EnsureTiersFit(string provinceCode, string provinceLevel, string provincePath, IEnumerable<string> formKinds)
    {
        if (provinceLevel != IssuerKinds.Province)
        {
            throw new RuleViolationException(NotAProvince, $"'{provinceCode}' is a {provinceLevel}, not a province.");
        }

        if (!Covers(provincePath) && !OrgPath.IsWithin(OrgUnitPath, provincePath))
        {
            throw new RuleViolationException(ProvinceOutside, $"Issuer '{Code}' does not act in province '{provinceCode}'.");
        }

        if (formKinds.FirstOrDefault(k => Form(k) is null) is { } unknown)
        {
            throw new RuleViolationException(FormNotOffered, $"Issuer '{Code}' does not give {unknown}.");
        }
    }
}

/// <summary>A form an issuer gives, with its standard cash for a collective and for an individual.</summary>
internal sealed class IssuerForm
{
    public string IssuerCode { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public long CashCollectiveVnd { get; set; }

    public long CashIndividualVnd { get; set; }

    public long StandardCash(bool collective) => collective ? CashCollectiveVnd : CashIndividualVnd;
}

/// <summary>The kinds of issuer the movement knows and the level of principal that acts for each.</summary>
internal static class IssuerKinds
{
    public const string DistrictEmulationCouncil = "district_emulation_council";
    public const string DistrictRedCross = "district_red_cross";
    public const string ProvincialRedCross = "provincial_red_cross";
    public const string ProvincialPeoplesCommittee = "provincial_peoples_committee";
    public const string CentralRedCross = "central_red_cross";

    public const string District = "district";
    public const string Province = "province";
    public const string Central = "central";

    public static readonly IReadOnlyDictionary<string, string> Levels = new Dictionary<string, string>
    {
        [DistrictEmulationCouncil] = District,
        [DistrictRedCross] = District,
        [ProvincialRedCross] = Province,
        [ProvincialPeoplesCommittee] = Province,
        [CentralRedCross] = Central,
    };

    public static readonly IReadOnlyDictionary<string, string> All = Levels.Keys.ToDictionary(k => k, k => k);

    public static string LevelOf(string kind) => Levels.TryGetValue(kind, out var level) ? level : string.Empty;
}

/// <summary>Giấy khen, Bằng khen, Kỷ niệm chương.</summary>
internal static class FormKinds
{
    public static readonly IReadOnlyDictionary<string, string> All = new[] { "certificate_of_merit", "diploma_of_merit", "commemorative_medal" }
        .ToDictionary(k => k, k => k);
}
