namespace RedCross.Campaign.Domain;

/// <summary>What a caller without `read personal data` (a viewer, a partner) sees of a programme list drawn from relief:
/// every row (id, kind, household size, unit), so the programme can be followed and counted, but no name, and none of
/// the categories that are sensitive personal data under Decree 13/2023/NĐ-CP (art. 2.4: health and private life).
/// Disability, serious illness, Agent Orange, a war injury or a soldier's illness tell of a person's health; being an
/// orphan tells of their family. Poor and near-poor (households on lists that communes post publicly), elderly (age),
/// policy family (a public honour) and disaster-affected say nothing of health or private life, and are what a
/// programme is drawn by, so they stay visible.</summary>
internal static class ProgrammeListPrivacy
{
    public const string MaskedName = "***";

    public static readonly IReadOnlySet<string> SensitiveCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "disabled", "seriously_ill", "agent_orange_victim", "war_invalid", "sick_soldier", "orphan",
    };

    public static string Name(string fullName, bool personalData) => personalData ? fullName : MaskedName;

    public static IEnumerable<string> Categories(IEnumerable<string> categories, bool personalData) =>
        personalData ? categories : categories.Where(c => !SensitiveCategories.Contains(c));
}
