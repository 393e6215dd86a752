using System.Text.RegularExpressions;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Relief.Domain;

/// <summary>A beneficiary as the caller sent it, checked field by field; every violation is collected. RegisteredOn is
/// the day the office drew up the record (a list made last year and entered in January counts in last year), as a
/// member's joined date is: given or today, never in the future.</summary>
internal sealed partial record BeneficiaryDraft(
    string Kind, string FullName, DateOnly BirthDate, string? Sex, string? NationalId, string? Phone, string? Address,
    int HouseholdSize, IReadOnlyList<string> Categories, string OrgUnitCode, DateOnly RegisteredOn)
{
    private static readonly IReadOnlyDictionary<string, string> Sexes = new Dictionary<string, string> { ["male"] = "male", ["female"] = "female", ["other"] = "other" };

    public static BeneficiaryDraft? Check(Input input, string kind, string fullName, string birthDate, string sex, string nationalId, string phone,
        string address, int householdSize, IReadOnlyList<string> categories, string orgUnit, string registeredOn)
    {
        var k = input.OneOf("beneficiary.kind", kind, BeneficiaryKinds.ByName);
        var name = input.Text("beneficiary.full_name", fullName, 200);
        var birth = input.NotFuture("beneficiary.birth_date", input.Date("beneficiary.birth_date", birthDate));
        if (birth is { } b && b.Year < 1900)
        {
            input.Fail("beneficiary.birth_date", "must be in 1900 or later");
        }

        var s = string.IsNullOrWhiteSpace(sex) ? null : input.OneOf("beneficiary.sex", sex, Sexes);
        var id = input.Text("beneficiary.national_id", nationalId, 12, required: false);
        if (id is not null && !NationalIdPattern().IsMatch(id))
        {
            input.Fail("beneficiary.national_id", "must be 12 digits (CCCD)");
        }

        var p = input.Text("beneficiary.phone", phone, 15, required: false);
        if (p is not null && !PhonePattern().IsMatch(p))
        {
            input.Fail("beneficiary.phone", "must be 9 to 15 digits, optionally starting with +");
        }

        var a = input.Text("beneficiary.address", address, 500, required: false);
        // A person is a household of one; a household states its size.
        var size = k == BeneficiaryKinds.Person && householdSize == 0 ? 1 : householdSize;
        if (k == BeneficiaryKinds.Person && size != 1)
        {
            input.Fail("beneficiary.household_size", "must be 1 (or unset) for a person");
        }
        else if (size is < 1 or > 50)
        {
            input.Fail("beneficiary.household_size", "must be between 1 and 50");
        }

        if (categories.Count == 0)
        {
            input.Fail("beneficiary.categories", "must name at least one category");
        }

        foreach (var unknown in categories.Where(c => !BeneficiaryCategories.All.Contains(c)))
        {
            input.Fail("beneficiary.categories", $"'{unknown}' is not one of " + string.Join(", ", BeneficiaryCategories.All));
        }

        var unit = input.Text("beneficiary.org_unit", orgUnit, 40);
        var registered = input.NotFuture("beneficiary.registered_on", input.Date("beneficiary.registered_on", registeredOn, input.Today));
        if (birth is { } born && registered is { } r && r < born)
        {
            input.Fail("beneficiary.registered_on", "must not be before the birth date");
        }

        return input.IsValid
            ? new BeneficiaryDraft(k!, name!, birth!.Value, s, id, p, a, size, [.. categories.Distinct().Order(StringComparer.Ordinal)], unit!, registered!.Value)
            : null;
    }

    public Beneficiary ToBeneficiary(Guid id, string unitPath) => new()
    {
        Id = id,
        Kind = Kind,
        FullName = FullName,
        SearchName = SearchText.Key(FullName),
        BirthDate = BirthDate,
        Sex = Sex,
        NationalId = NationalId,
        Phone = Phone,
        Address = Address,
        HouseholdSize = HouseholdSize,
        Categories = Beneficiary.JoinCategories(Categories),
        OrgUnitCode = OrgUnitCode,
        OrgUnitPath = unitPath,
        CommunePath = BeneficiaryMatch.CommunePath(unitPath),
        RegisteredOn = RegisteredOn,
    };

    /// <summary>Overwrites <paramref name="b"/>'s fields with this draft's (an update checks the merged record as a draft).</summary>
    public void ApplyTo(Beneficiary b, string unitPath)
    {
        (b.Kind, b.FullName, b.SearchName, b.BirthDate, b.Sex) = (Kind, FullName, SearchText.Key(FullName), BirthDate, Sex);
        (b.NationalId, b.Phone, b.Address, b.HouseholdSize) = (NationalId, Phone, Address, HouseholdSize);
        (b.Categories, b.OrgUnitCode, b.OrgUnitPath, b.CommunePath) = (Beneficiary.JoinCategories(Categories), OrgUnitCode, unitPath, BeneficiaryMatch.CommunePath(unitPath));
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex NationalIdPattern();

    [GeneratedRegex(@"^\+?[0-9]{9,15}$")]
    private static partial Regex PhonePattern();
}
