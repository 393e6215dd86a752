using RedCross.ServiceDefaults.Errors;

namespace RedCross.Campaign.Domain;

/// <summary>One eligibility rule's value, stored as data (table eligibility_rules) so a change of the Ministry of
/// Health's rules is a row update, not a release.</summary>
internal sealed class EligibilityRule
{
    public string Code { get; set; } = string.Empty;

    public int Value { get; set; }

    public string Description { get; set; } = string.Empty;
}

/// <summary>Who may give blood, and how much and how often (Circular 26/2013/TT-BYT, art. 6), checked on every donation
/// inside the write transaction with the rule rows read in it: aged 18 to 60, at least 42 kg (women) or 45 kg (men),
/// at most 9 ml per kg and 500 ml, 12 weeks after whole blood and 2 weeks after plasma or platelets, and not deferred.
/// A broken rule is a FailedPrecondition with the rule's reason.</summary>
internal sealed class EligibilityRules(IReadOnlyDictionary<string, int> values)
{
    // The reasons a donation is refused.
    public const string TooYoung = "DONOR_TOO_YOUNG";
    public const string TooOld = "DONOR_TOO_OLD";
    public const string Underweight = "DONOR_UNDERWEIGHT";
    public const string VolumeOverWeightLimit = "VOLUME_OVER_WEIGHT_LIMIT";
    public const string VolumeOverMaximum = "VOLUME_OVER_MAXIMUM";
    public const string IntervalTooShort = "INTERVAL_TOO_SHORT";
    public const string Deferred = "DONOR_DEFERRED";

    public const string MinAgeYears = "min_age_years";
    public const string MaxAgeYears = "max_age_years";
    public const string MinWeightFemaleTenthsKg = "min_weight_female_tenths_kg";
    public const string MinWeightMaleTenthsKg = "min_weight_male_tenths_kg";
    public const string MaxMlPerKg = "max_ml_per_kg";
    public const string MaxVolumeMl = "max_volume_ml";
    public const string IntervalDaysPrefix = "interval_days_after_";

    /// <summary>The rows a new database starts with.</summary>
    public static readonly EligibilityRule[] Defaults =
    [
        new() { Code = MinAgeYears, Value = 18, Description = "Tuổi tối thiểu / minimum age (years)" },
        new() { Code = MaxAgeYears, Value = 60, Description = "Tuổi tối đa / maximum age (years)" },
        new() { Code = MinWeightFemaleTenthsKg, Value = 420, Description = "Cân nặng tối thiểu, nữ / minimum weight, women (0.1 kg)" },
        new() { Code = MinWeightMaleTenthsKg, Value = 450, Description = "Cân nặng tối thiểu, nam / minimum weight, men (0.1 kg)" },
        new() { Code = MaxMlPerKg, Value = 9, Description = "Thể tích tối đa mỗi kg cân nặng / maximum ml per kg" },
        new() { Code = MaxVolumeMl, Value = 500, Description = "Thể tích tối đa mỗi lần / maximum volume per donation (ml)" },
        new() { Code = IntervalDaysPrefix + BloodDonation.WholeBlood, Value = 84, Description = "Khoảng cách sau hiến máu toàn phần / days after whole blood (12 weeks)" },
        new() { Code = IntervalDaysPrefix + BloodDonation.Plasma, Value = 14, Description = "Khoảng cách sau hiến huyết tương / days after plasma (2 weeks)" },
        new() { Code = IntervalDaysPrefix + BloodDonation.Platelets, Value = 14, Description = "Khoảng cách sau hiến tiểu cầu / days after platelets (2 weeks)" },
    ];

    private int this[string code] => values.TryGetValue(code, out var v) ? v : throw new InvalidOperationException($"Eligibility rule '{code}' is missing.");

    /// <summary>Days after a donation of <paramref name="component"/> before the next one.</summary>
    public int IntervalDays(string component) => this[IntervalDaysPrefix + component];

    /// <summary>Age, weight and volume: what the donor and the donation alone decide.</summary>
    public void CheckDonor(BloodDonor donor, DateOnly on, int weightTenthsKg, int volumeMl)
    {
        var age = AgeOn(donor.BirthDate, on);
        if (age < this[MinAgeYears])
        {
            throw new RuleViolationException(TooYoung, $"The donor is {age} on {on:yyyy-MM-dd}; donors must be at least {this[MinAgeYears]}.");
        }

        if (age > this[MaxAgeYears])
        {
            throw new RuleViolationException(TooOld, $"The donor is {age} on {on:yyyy-MM-dd}; donors must be at most {this[MaxAgeYears]}.");
        }

        var minWeight = donor.Sex == BloodDonor.Female ? this[MinWeightFemaleTenthsKg] : this[MinWeightMaleTenthsKg];
        if (weightTenthsKg < minWeight)
        {
            throw new RuleViolationException(Underweight, $"{Kg(weightTenthsKg)} kg is under the minimum of {Kg(minWeight)} kg.");
        }

        // volume ≤ max_ml_per_kg × kg, in whole numbers: volume × 10 ≤ max_ml_per_kg × tenths of kg.
        if ((long)volumeMl * 10 > (long)this[MaxMlPerKg] * weightTenthsKg)
        {
            throw new RuleViolationException(VolumeOverWeightLimit,
                $"{volumeMl} ml is more than {this[MaxMlPerKg]} ml per kg of {Kg(weightTenthsKg)} kg ({this[MaxMlPerKg] * weightTenthsKg / 10} ml).");
        }

        if (volumeMl > this[MaxVolumeMl])
        {
            throw new RuleViolationException(VolumeOverMaximum, $"{volumeMl} ml is more than the maximum of {this[MaxVolumeMl]} ml.");
        }
    }

    /// <summary>The interval after the donor's donation before this one, and before the donor's next one when this is
    /// recorded late (a donation in between must keep both intervals).</summary>
    public void CheckIntervals(BloodDonation? before, BloodDonation? after, DateOnly on, string component)
    {
        if (before is not null && on < before.DonatedOn.AddDays(IntervalDays(before.Component)))
        {
            throw new RuleViolationException(IntervalTooShort,
                $"The donor gave {before.Component} on {before.DonatedOn:yyyy-MM-dd}; the next donation is allowed from {before.DonatedOn.AddDays(IntervalDays(before.Component)):yyyy-MM-dd}.");
        }

        if (after is not null && after.DonatedOn < on.AddDays(IntervalDays(component)))
        {
            throw new RuleViolationException(IntervalTooShort,
                $"The donor gave again on {after.DonatedOn:yyyy-MM-dd}, less than {IntervalDays(component)} days after {on:yyyy-MM-dd}.");
        }
    }

    public static void CheckDeferral(BloodDeferral? deferral)
    {
        if (deferral is not null)
        {
            throw new RuleViolationException(Deferred, deferral.Until is { } until
                ? $"The donor is deferred until {until:yyyy-MM-dd}."
                : "The donor is deferred for good.");
        }
    }

    /// <summary>Full years on <paramref name="on"/>: one is 18 on the 18th birthday (29 February: on 1 March).</summary>
    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < AddYears(birth, age) ? age - 1 : age;
    }

    private static DateOnly AddYears(DateOnly birth, int years) =>
        birth.Month == 2 && birth.Day == 29 && !DateTime.IsLeapYear(birth.Year + years) ? new DateOnly(birth.Year + years, 3, 1) : birth.AddYears(years);

    private static string Kg(int tenths) => (tenths / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
