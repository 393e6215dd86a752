using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Campaign.Domain;

/// <summary>A donor as given, checked field by field (CreateBloodDonor and each imported row alike); the unit is
/// resolved against the org replica afterwards.</summary>
internal sealed record DonorDraft(string FullName, DateOnly BirthDate, string Sex, int WeightTenthsKg, string? BloodGroup, string OrgUnitCode, string? Phone)
{
    public const int MinWeightTenthsKg = 200;
    public const int MaxWeightTenthsKg = 2500;

    /// <summary>A donor's fields as sent, in plain values (dates as ISO text, 0 kg and empty text for not given).</summary>
    public sealed record Fields(string FullName, string BirthDate, string Sex, double WeightKg, string BloodGroup, string OrgUnit, string Phone);

    public static DonorDraft? Check(Input input, string prefix, Fields d)
    {
        var name = input.Text(prefix + ".full_name", d.FullName, 200);
        var birth = input.NotFuture(prefix + ".birth_date", input.Date(prefix + ".birth_date", d.BirthDate));
        if (birth is { } b && b.Year < 1900)
        {
            input.Fail(prefix + ".birth_date", "must be after 1900");
        }

        var sex = input.OneOf(prefix + ".sex", d.Sex, BloodDonor.Sexes);
        var weight = WeightTenths(input, prefix + ".weight_kg", d.WeightKg, required: true);
        var group = string.IsNullOrWhiteSpace(d.BloodGroup) ? null : d.BloodGroup.Trim().ToUpperInvariant();
        if (group is not null && !BloodDonor.BloodGroups.Contains(group))
        {
            input.Fail(prefix + ".blood_group", "must be one of " + string.Join(", ", BloodDonor.BloodGroups) + ", or empty when not typed yet");
        }

        var unit = input.Text(prefix + ".org_unit", d.OrgUnit, 40);
        var phone = input.Text(prefix + ".phone", d.Phone, 20, required: false);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c == '+'))
        {
            input.Fail(prefix + ".phone", "must be digits, optionally starting with +");
        }

        return input.IsValid ? new DonorDraft(name!, birth!.Value, sex!, weight!.Value, group, unit!, phone) : null;
    }

    /// <summary>A weight in kg with one decimal at most, as tenths of a kg; 0 (not given) is null unless required.</summary>
    public static int? WeightTenths(Input input, string field, double kg, bool required)
    {
        if (kg == 0 && !required)
        {
            return null;
        }

        var tenths = Math.Round(kg * 10);
        if (double.IsNaN(kg) || Math.Abs(kg * 10 - tenths) > 1e-6)
        {
            input.Fail(field, "must be kilograms with one decimal at most, for example 44.9");
            return null;
        }

        if (tenths < MinWeightTenthsKg || tenths > MaxWeightTenthsKg)
        {
            input.Fail(field, $"must be between {MinWeightTenthsKg / 10} and {MaxWeightTenthsKg / 10} kg");
            return null;
        }

        return (int)tenths;
    }

    public BloodDonor ToDonor(Guid id, string unitPath, DateOnly today) => new()
    {
        Id = id,
        FullName = FullName,
        SearchName = SearchText.Key(FullName),
        BirthDate = BirthDate,
        Sex = Sex,
        WeightTenthsKg = WeightTenthsKg,
        BloodGroup = BloodGroup,
        OrgUnitCode = OrgUnitCode,
        OrgUnitPath = unitPath,
        Phone = Phone,
        RegisteredOn = today,
    };
}
