using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>The hardship exemption cap: a commune may exempt from dues at most
/// <see cref="DuesRules.ExemptionCapPercent"/> of its members of that year (members active on some day of it,
/// not today's members). Enforced inside the write transaction that inserts the exemption, so two officers
/// granting at the same moment cannot both take the last place.</summary>
internal static class ExemptionCap
{
    public const string Reached = "EXEMPTION_CAP_REACHED";

    /// <summary>An exemption is granted by a commune-level unit; a member of a unit above that level has none.</summary>
    public const string NoCommune = "NO_COMMUNE";

    /// <summary>Refuses one more exemption when it would take the commune over the cap.</summary>
    public static void Enforce(string communeCode, int year, int alreadyExempt, int membersThatYear, int capPercent)
    {
        if ((alreadyExempt + 1) * 100 > capPercent * membersThatYear)
        {
            throw new RuleViolationException(Reached,
                $"{communeCode} has {alreadyExempt} exemptions for {year} among {membersThatYear} members that year; at most {capPercent}% may be exempt.");
        }
    }

    /// <summary>How many of <paramref name="candidates"/> were active in the commune on some day of <paramref name="year"/>.</summary>
    public static int MembersOfYear(IEnumerable<Member> candidates, string communePath, int year) =>
        candidates.Count(m => m.WasActiveIn(communePath, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
}
