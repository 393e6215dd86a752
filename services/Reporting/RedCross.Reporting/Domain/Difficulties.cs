namespace RedCross.Reporting.Domain;

/// <summary>A difficulty or limitation the figures reveal, with the indicator codes behind it.</summary>
internal sealed record DerivedDifficulty(string Code, string Vi, string En, IReadOnlyList<string> FigureCodes);

/// <summary>The difficulties an annual report derives from its own figures (the seed's two weaknesses: member growth
/// "not high" and humanitarian-address reviews "not close to reality"). Each rule has a stable code.</summary>
internal static class Difficulties
{
    public const string GrowthBelowTarget = "membership.growth_below_target";
    public const string AddressReviewsOverdue = "relief.address_reviews_overdue";

    /// <summary>Every code a rule may derive (a note may be written under any of them).</summary>
    public static readonly IReadOnlyList<string> Codes = [GrowthBelowTarget, AddressReviewsOverdue];

    public static IReadOnlyList<DerivedDifficulty> Derive(IReadOnlyDictionary<string, long> year)
    {
        var found = new List<DerivedDifficulty>();
        var target = year.GetValueOrDefault(Indicators.GrowthTarget);
        var joined = year.GetValueOrDefault(Indicators.MembersNew);
        if (target > 0 && joined < target)
        {
            var pct = year.GetValueOrDefault(Indicators.GrowthPercent);
            found.Add(new DerivedDifficulty(
                GrowthBelowTarget,
                $"Công tác phát triển hội viên chưa cao: kết nạp {Figures.Number(joined, Figures.Vietnamese)} hội viên mới, " +
                $"đạt {Figures.Number(pct, Figures.Vietnamese)}% chỉ tiêu ({Figures.Number(target, Figures.Vietnamese)} hội viên).",
                $"Member development was low: {Figures.Number(joined, Figures.English)} new members, " +
                $"{Figures.Number(pct, Figures.English)}% of the target of {Figures.Number(target, Figures.English)}.",
                [Indicators.MembersNew, Indicators.GrowthTarget, Indicators.GrowthPercent]));
        }

        var overdue = year.GetValueOrDefault(Indicators.ReliefAddressesOverdue);
        if (overdue > 0)
        {
            var active = year.GetValueOrDefault(Indicators.ReliefAddressesActive);
            found.Add(new DerivedDifficulty(
                AddressReviewsOverdue,
                "Công tác rà soát các đối tượng theo địa chỉ nhân đạo chưa sát với thực tế: cuối năm còn " +
                $"{Figures.Number(overdue, Figures.Vietnamese)}/{Figures.Number(active, Figures.Vietnamese)} địa chỉ nhân đạo quá hạn rà soát.",
                $"The review of humanitarian addresses was not close to reality: {Figures.Number(overdue, Figures.English)} of " +
                $"{Figures.Number(active, Figures.English)} addresses were overdue for review at the end of the year.",
                [Indicators.ReliefAddressesOverdue, Indicators.ReliefAddressesActive]));
        }

        return found;
    }
}
