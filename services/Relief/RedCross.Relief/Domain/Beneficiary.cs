using RedCross.OrgReplica;
using System.Globalization;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Relief.Domain;

/// <summary>A person or household relief may reach (đối tượng), in a home unit, with one or more categories.</summary>
internal sealed class Beneficiary : IInUnit
{
    public Guid Id { get; set; }

    public string Kind { get; set; } = BeneficiaryKinds.Person;

    /// <summary>The person's name, or the household head's, NFC as entered.</summary>
    public string FullName { get; set; } = string.Empty;

    /// <summary>The name without diacritics or case, for search and the duplicate rule.</summary>
    public string SearchName { get; set; } = string.Empty;

    public DateOnly BirthDate { get; set; }

    public string? Sex { get; set; }

    public string? NationalId { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public int HouseholdSize { get; set; } = 1;

    /// <summary>Category codes, each between bars ("|elderly|poor|"), so a filter is one LIKE.</summary>
    public string Categories { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;

    /// <summary>The home unit's path: scope filters are prefix tests on it.</summary>
    public string OrgUnitPath { get; set; } = string.Empty;

    /// <summary>The commune the home unit belongs to (see <see cref="BeneficiaryMatch.CommunePath"/>).</summary>
    public string CommunePath { get; set; } = string.Empty;

    public string Status { get; set; } = "active";

    public DateOnly RegisteredOn { get; set; }

    public int Version { get; set; }

    /// <summary>When name, national ID, phone and address were erased (<see cref="Anonymise"/>); null until then.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>The name an anonymised beneficiary carries ("anonymised").</summary>
    public const string AnonymousName = "Ẩn danh";

    public string ETag => Version.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<string> CategoryList => Categories.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinCategories(IEnumerable<string> codes) => "|" + string.Join('|', codes) + "|";

    /// <summary>Erases what identifies the person (Decree 13/2023/NĐ-CP), keeping everything a count uses, or says why
    /// not: only an inactive beneficiary, once.</summary>
    public string? Anonymise(DateTimeOffset at)
    {
        if (AnonymisedAt is not null)
        {
            return "ALREADY_ANONYMISED";
        }

        if (Status != "inactive")
        {
            return "BENEFICIARY_ACTIVE";
        }

        (FullName, SearchName) = (AnonymousName, SearchText.Key(AnonymousName));
        (NationalId, Phone, Address, AnonymisedAt) = (null, null, null, at);
        return null;
    }
}

internal static class BeneficiaryKinds
{
    public const string Person = "person";
    public const string Household = "household";

    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string> { [Person] = Person, [Household] = Household };
}

/// <summary>The categories of DOMAIN.md's relief section; a beneficiary may be in several at once.</summary>
internal static class BeneficiaryCategories
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "policy_family", "elderly", "poor", "near_poor", "war_invalid", "sick_soldier", "agent_orange_victim",
        "disabled", "orphan", "disaster_affected", "seriously_ill",
    };

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string> { ["active"] = "active", ["inactive"] = "inactive" };
}
