using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Relief.Domain;

/// <summary>A unit's livestock bank (Ngân hàng bò). Its hand-back rules are data on the row, so two programmes
/// (a district's "second calf, female, 6-12 months" and a province's "first calf, any sex") live side by side.</summary>
internal sealed class LivestockProgramme : IResource, IVersioned
{
    public Guid Id { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    /// <summary>Households of this subtree may receive the programme's animals.</summary>
    public string OrgUnitPath { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Species { get; set; } = LivestockSpecies.Cow;

    /// <summary>Which calf of a held animal is handed back: 1 (first) or 2 (second).</summary>
    public int HandbackCalf { get; set; }

    /// <summary>female, male or any.</summary>
    public string RequiredSex { get; set; } = LivestockSexes.Female;

    public int HandoverMinAgeMonths { get; set; }

    public int HandoverMaxAgeMonths { get; set; }

    public DateOnly CreatedOn { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public bool AcceptsSex(string sex) => RequiredSex == LivestockSexes.Any || RequiredSex == sex;
}

internal static class LivestockSpecies
{
    public const string Cow = "cow";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string> { [Cow] = Cow, ["buffalo"] = "buffalo", ["goat"] = "goat" };
}

internal static class LivestockSexes
{
    public const string Female = "female";
    public const string Male = "male";
    public const string Any = "any";

    public static readonly IReadOnlyDictionary<string, string> OfAnimal = new Dictionary<string, string> { [Female] = Female, [Male] = Male };

    public static readonly IReadOnlyDictionary<string, string> Required = new Dictionary<string, string> { [Female] = Female, [Male] = Male, [Any] = Any };
}
