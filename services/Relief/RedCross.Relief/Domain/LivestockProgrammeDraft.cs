using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>A programme as the caller sent it, checked field by field (every violation collected): its unit, and a
/// hand-back rule a calf can meet (the minimum age not above the maximum).</summary>
internal sealed record LivestockProgrammeDraft(string OrgUnitCode, string Name, string Species, int HandbackCalf, string RequiredSex, int MinAgeMonths, int MaxAgeMonths)
{
    /// <summary>Bounds of the age rules, in months: a calf is handed over before it is five years old.</summary>
    public const int MaxAgeBound = 60;

    public static LivestockProgrammeDraft? Check(Input input, string orgUnit, string name, string species, int handbackCalf, string requiredSex, int minAgeMonths, int maxAgeMonths)
    {
        var unitCode = input.Text("programme.org_unit", orgUnit, 40);
        var n = input.Text("programme.name", name, 200);
        var s = string.IsNullOrWhiteSpace(species) ? LivestockSpecies.Cow : input.OneOf("programme.species", species, LivestockSpecies.All);
        var handback = (int)input.Range("programme.handback_calf", handbackCalf, 1, 2);
        var sex = input.OneOf("programme.required_sex", requiredSex, LivestockSexes.Required);
        var min = (int)input.Range("programme.handover_min_age_months", minAgeMonths, 0, MaxAgeBound);
        var max = (int)input.Range("programme.handover_max_age_months", maxAgeMonths, 1, MaxAgeBound);
        if (min > max)
        {
            input.Fail("programme.handover_min_age_months", "must not be more than handover_max_age_months");
        }

        return input.IsValid ? new LivestockProgrammeDraft(unitCode!, n!, s!, handback, sex!, min, max) : null;
    }

    public LivestockProgramme ToProgramme(string unitPath, DateOnly createdOn) => new()
    {
        Id = Guid.CreateVersion7(),
        OrgUnitCode = OrgUnitCode,
        OrgUnitPath = unitPath,
        Name = Name,
        Species = Species,
        HandbackCalf = HandbackCalf,
        RequiredSex = RequiredSex,
        HandoverMinAgeMonths = MinAgeMonths,
        HandoverMaxAgeMonths = MaxAgeMonths,
        CreatedOn = createdOn,
    };
}
