namespace RedCross.Reporting.Domain;

/// <summary>A target suggested for the next year, with the reason in both languages.</summary>
internal sealed record Suggestion(string Code, long Value, string BasisVi, string BasisEn);

/// <summary>Targets a report suggests for the year after, from the year's figures and the year before's.</summary>
internal static class TargetSuggestions
{
    public static IReadOnlyList<Suggestion> For(int year, IReadOnlyDictionary<string, long> thisYear, IReadOnlyDictionary<string, long> lastYear)
    {
        var suggestions = new List<Suggestion>();
        var joined = thisYear.GetValueOrDefault(Indicators.MembersNew);
        var joinedBefore = lastYear.GetValueOrDefault(Indicators.MembersNew);
        var target = thisYear.GetValueOrDefault(Indicators.GrowthTarget);
        string N(long v, string l) => Figures.Number(v, l);
        if (target > 0 && joined < target)
        {
            // An unmet target is carried over rather than lowered to what was reached.
            suggestions.Add(new Suggestion(Indicators.GrowthTarget, target,
                $"Năm {year} đạt {N(joined, "vi")}/{N(target, "vi")} hội viên mới: giữ chỉ tiêu chưa đạt.",
                $"{year} reached {N(joined, "en")} of {N(target, "en")} new members: keep the unmet target."));
        }
        else if (joined > 0)
        {
            // The year's trend continued: this year's figure plus this year's increase over the year before.
            var suggested = joined + Math.Max(0, joined - joinedBefore);
            suggestions.Add(new Suggestion(Indicators.GrowthTarget, suggested,
                $"Kết nạp {N(joined, "vi")} hội viên mới năm {year}, {N(joinedBefore, "vi")} năm {year - 1}: giữ đà tăng.",
                $"{N(joined, "en")} new members in {year}, {N(joinedBefore, "en")} in {year - 1}: keep the trend."));
        }

        var overdue = thisYear.GetValueOrDefault(Indicators.ReliefAddressesOverdue);
        if (overdue > 0)
        {
            suggestions.Add(new Suggestion(Indicators.ReliefAddressesOverdue, 0,
                $"Cuối năm {year} còn {N(overdue, "vi")} địa chỉ nhân đạo quá hạn rà soát: rà soát hết trong năm {year + 1}.",
                $"{N(overdue, "en")} humanitarian addresses were overdue for review at the end of {year}: review all of them in {year + 1}."));
        }

        return suggestions;
    }
}
