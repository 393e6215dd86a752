namespace RedCross.Membership.Domain;

/// <summary>Youth members (đoàn viên thanh niên age band): aged 16 to 30 years on the day asked.</summary>
internal static class Youth
{
    public const int YoungestAge = 16;

    public const int OldestAge = 30;

    /// <summary>The first and last birth date of a youth member on <paramref name="today"/>.</summary>
    public static (DateOnly Oldest, DateOnly Youngest) BirthDates(DateOnly today) =>
        (today.AddYears(-(OldestAge + 1)).AddDays(1), today.AddYears(-YoungestAge));
}
