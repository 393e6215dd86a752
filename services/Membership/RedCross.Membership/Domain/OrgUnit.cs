using System.Text.RegularExpressions;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>Levels of the Red Cross tree. Agency, enterprise and school blocs sit at the commune level
/// (Hội cơ sở) without an admin area.</summary>
internal enum OrgLevel
{
    Central,
    Province,
    District,
    Commune,
    Agency,
    Enterprise,
    School,
    Branch,
    Group,
}

internal static class OrgLevels
{
    public static readonly IReadOnlyDictionary<string, OrgLevel> ByName =
        Enum.GetValues<OrgLevel>().ToDictionary(l => l.ToString().ToLowerInvariant());

    /// <summary>Depth used to check that a child sits below its parent.</summary>
    public static int Rank(OrgLevel level) => level switch
    {
        OrgLevel.Central => 0,
        OrgLevel.Province => 1,
        OrgLevel.District => 2,
        OrgLevel.Commune or OrgLevel.Agency or OrgLevel.Enterprise or OrgLevel.School => 3,
        OrgLevel.Branch => 4,
        _ => 5,
    };

    public static bool IsCommuneLevel(OrgLevel level) => Rank(level) == 3;

    public static string Name(OrgLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>GSO code length for the levels that map to an admin area.</summary>
    public static int? AdminCodeLength(OrgLevel level) => level switch
    {
        OrgLevel.Province => 2,
        OrgLevel.District => 3,
        OrgLevel.Commune => 5,
        _ => null,
    };

    /// <summary>True when <paramref name="adminCode"/> is a GSO code of the length <paramref name="level"/> maps to.</summary>
    public static bool FitsAdminCode(OrgLevel level, string adminCode) =>
        AdminCodeLength(level) == adminCode.Length && OrgUnit.Digits().IsMatch(adminCode);
}

/// <summary>A unit's name and level from a date.</summary>
internal sealed record OrgUnitName(DateOnly ValidFrom, string Name, OrgLevel Level);

/// <summary>A unit of the tree (Hội Chữ thập đỏ at some level). Code and path never change; a unit that
/// moves or merges is closed and continued by successors, so old periods roll up by the old tree.</summary>
internal sealed partial class OrgUnit : IVersioned
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public OrgLevel Level { get; set; }

    public string? ParentCode { get; set; }

    public string Path { get; set; } = string.Empty;

    public string? AdminAreaCode { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public List<string> PredecessorCodes { get; set; } = [];

    public List<string> SuccessorCodes { get; set; } = [];

    public int Version { get; set; }

    /// <summary>Dated names and levels, oldest first; <see cref="Name"/> and <see cref="Level"/> are today's.</summary>
    public List<OrgUnitName> Names { get; set; } = [];

    public const string NotOpen = "ORG_UNIT_NOT_OPEN";

    public const string Closed = "ORG_UNIT_CLOSED";

    public const string HasOpenChildren = "HAS_OPEN_CHILDREN";

    public const string HasMembers = "HAS_MEMBERS";

    public bool ExistsOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || ValidTo >= date);

    /// <summary>Refuses a member or a child placed in the unit on a day it does not exist (<paramref name="field"/> names the date's source).</summary>
    public void EnsureOpenOn(DateOnly date, string field)
    {
        if (!ExistsOn(date))
        {
            throw new RuleViolationException(NotOpen, $"Org unit '{Code}' does not exist on {date:yyyy-MM-dd} ({field}).");
        }
    }

    /// <summary>Refuses closing the unit on <paramref name="validTo"/> when it is closed already or the day is before its
    /// first (its open children and members are checked against the database, inside the write).</summary>
    public void EnsureCanCloseOn(DateOnly validTo)
    {
        if (ValidTo is not null)
        {
            throw new RuleViolationException(Closed, $"Org unit '{Code}' was closed on {ValidTo:yyyy-MM-dd}.");
        }

        if (validTo < ValidFrom)
        {
            throw new ValidationFailedException("valid_to", "must not be before the unit's first day");
        }
    }

    /// <summary>The path of a child with <paramref name="code"/> (paths are the codes from the top, slash-separated).</summary>
    public string ChildPath(string code) => Path + "/" + code;

    /// <summary>The name and level the unit had on <paramref name="date"/> (before its first entry: the first).</summary>
    public OrgUnitName NameOn(DateOnly date) =>
        Names.Where(n => n.ValidFrom <= date).MaxBy(n => n.ValidFrom) ?? Names.MinBy(n => n.ValidFrom) ?? new OrgUnitName(ValidFrom, Name, Level);

    /// <summary>Renames the unit, or changes its level within the same rank of the tree, from a date: an entry of
    /// the same date is replaced, earlier and later entries stay. Returns why not, or null.</summary>
    public string? Rename(string? name, OrgLevel? level, DateOnly from, DateOnly today)
    {
        if (from < ValidFrom || (ValidTo is { } to && from > to))
        {
            return "effective_from must fall within the unit's life";
        }

        var current = NameOn(from);
        var next = new OrgUnitName(from, name ?? current.Name, level ?? current.Level);
        if (OrgLevels.Rank(next.Level) != OrgLevels.Rank(Level))
        {
            return $"a {OrgLevels.Name(Level)} can only become a level of the same rank (its place in the tree does not change)";
        }

        if (Names.Count == 0)
        {
            Names.Add(new OrgUnitName(ValidFrom, Name, Level));
        }

        Names.RemoveAll(n => n.ValidFrom == from);
        Names.Add(next);
        Names.Sort((a, b) => a.ValidFrom.CompareTo(b.ValidFrom));
        (Name, Level) = (NameOn(today).Name, NameOn(today).Level);
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    public static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]+$")]
    public static partial Regex Digits();
}
