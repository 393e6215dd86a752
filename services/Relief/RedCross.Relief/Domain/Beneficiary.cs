using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Relief.Domain;

/// <summary>A person or household relief may reach (đối tượng), in a home unit, with one or more categories.</summary>
internal sealed class Beneficiary : IResource, IVersioned
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

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    /// <summary>When name, national ID, phone and address were erased (<see cref="Anonymise"/>); null until then.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>The name an anonymised beneficiary carries ("anonymised").</summary>
    public const string AnonymousName = "Ẩn danh";

    /// <summary>Rule reason: a beneficiary is anonymised once, and then not filled in again.</summary>
    public const string AlreadyAnonymised = "ALREADY_ANONYMISED";

    /// <summary>Rule reason: only an inactive beneficiary is anonymised.</summary>
    public const string StillActive = "BENEFICIARY_ACTIVE";

    public IReadOnlyList<string> CategoryList => Categories.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinCategories(IEnumerable<string> codes) => "|" + string.Join('|', codes) + "|";

    /// <summary>Erases what identifies the person (Decree 13/2023/NĐ-CP), keeping everything a count uses, or says why
    /// not: only an inactive beneficiary, once.</summary>
    public void Anonymise(DateTimeOffset at)
    {
        if (AnonymisedAt is not null || Status != "inactive")
        {
            throw new RuleViolationException(AnonymisedAt is not null ? AlreadyAnonymised : StillActive, "Only an inactive beneficiary can be anonymised, once.");
        }

        (FullName, SearchName) = (AnonymousName, SearchText.Key(AnonymousName));
        (NationalId, Phone, Address, AnonymisedAt) = (null, null, null, at);
    }

    /// <summary>The record as <paramref name="draft"/> (the stored record merged with the changes, checked) and
    /// <paramref name="status"/> have it; true when a field reporting could one day count changed (those of
    /// BeneficiaryRegistered, and status), which is published as BeneficiaryUpdated. The personal fields never are.</summary>
    public bool Update(BeneficiaryDraft draft, string unitPath, string status)
    {
        var published = Published();
        draft.ApplyTo(this, unitPath);
        Status = status;
        return Published() != published;
    }

    /// <summary>An anonymised record stays empty: its fields are not filled in again.</summary>
    public void EnsureNotAnonymised()
    {
        if (AnonymisedAt is not null)
        {
            throw new RuleViolationException(AlreadyAnonymised, "An anonymised beneficiary's record cannot be filled in again.");
        }
    }

    private (string, string, int, string, string) Published() => (Kind, Categories, HouseholdSize, OrgUnitCode, Status);
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
