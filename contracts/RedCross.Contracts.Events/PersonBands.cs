namespace RedCross.Contracts.Events;

/// <summary>How events describe a person for counting without identifying them: the sex as recorded ("female", "male",
/// "other"; null when not recorded) and the IFRC FDRS age band at the activity's date, never a birth date.</summary>
public static class PersonBands
{
    /// <summary>The FDRS age bands, youngest first.</summary>
    public static readonly IReadOnlyList<string> AgeBands = ["0-5", "6-12", "13-17", "18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"];

    /// <summary>The band of a person born on <paramref name="birth"/> on <paramref name="on"/> (whole years of age;
    /// a date before the birth counts as 0).</summary>
    public static string AgeBandAt(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year - (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day) ? 1 : 0);
        return age switch
        {
            <= 5 => "0-5",
            <= 12 => "6-12",
            <= 17 => "13-17",
            <= 29 => "18-29",
            >= 80 => "80+",
            _ => $"{age / 10 * 10}-{age / 10 * 10 + 9}",
        };
    }
}
