using System.Globalization;
using static RedCross.Reporting.Domain.Indicators;

namespace RedCross.Reporting.Domain;

/// <summary>One area of the report's section I as officers write it: a title and a paragraph of the area's figures that
/// are not zero, each beside last year's and the change, and new members against the year's target.</summary>
internal sealed record AreaParagraph(string Code, string TitleVi, string TitleEn, string Vi, string En);

/// <summary>Writes section I from the year's and the previous year's figures. A zero figure is left out of the
/// sentences (the appendix lists every figure). A comparison is made only when the previous year has figures at all
/// ("tăng 12% so với năm 2012 (1.102)"); a figure that was zero then is said to be new ("năm 2012 chưa có").</summary>
internal static class SectionOne
{
    private static readonly Area[] Areas =
    [
        new("organisation", "Công tác tổ chức, xây dựng Hội và hội viên", "Organisation and members",
        [
            new(MembersActive, "toàn Hội có {0} hội viên đang sinh hoạt", "{0} members active at the year's end"),
            new(VolunteersActive, "{0} tình nguyện viên đang hoạt động", "{0} volunteers active at the year's end"),
            new(MembersNew, "kết nạp {0} hội viên mới", "{0} new members joined"),
            new(TrainingsHeld, "tổ chức {0} lớp tập huấn", "{0} training courses held"),
            new(TrainingParticipants, "{0} lượt người dự tập huấn", "{0} training participants"),
            new(WelfareVisits, "thăm hỏi hội viên {0} lượt", "{0} welfare visits to members"),
            new(WelfareValue, "trị giá thăm hỏi {0}", "welfare visits worth {0}"),
            new(WelfareContributions, "quỹ thăm hỏi nhận đóng góp {0}", "{0} contributed to the welfare fund"),
            new(DuesCollected, "thu hội phí {0}", "{0} collected in dues"),
        ]),
        new("relief", "Công tác cứu trợ, trợ giúp nhân đạo và địa chỉ nhân đạo", "Relief, humanitarian assistance and humanitarian addresses",
        [
            new(ReliefDonationsReceived, "tiếp nhận tiền và hàng quy ra tiền {0}", "{0} received in cash and goods"),
            new(ReliefActivityValue, "tổng giá trị các hoạt động cứu trợ, trao quà {0}", "relief and gifts worth {0} in all"),
            new(ReliefBeneficiariesReached, "{0} lượt đối tượng được trợ giúp", "{0} handovers to people in need"),
            new(ReliefBeneficiariesRegistered, "lập hồ sơ mới cho {0} đối tượng", "{0} people in need newly registered"),
            new(ReliefLivestockGiven, "trao {0} con bò cho hộ nghèo", "{0} cows given to poor households"),
            new(ReliefLivestockPassedOn, "bàn giao {0} con bê cho hộ tiếp theo", "{0} calves passed on to the next household"),
            new(ReliefAddressesActive, "đang theo dõi {0} địa chỉ nhân đạo", "{0} humanitarian addresses followed"),
            new(ReliefAddressesOverdue, "{0} địa chỉ nhân đạo quá hạn rà soát", "{0} humanitarian addresses overdue for review"),
        ]),
        new("health", "Công tác chăm sóc sức khỏe, sơ cấp cứu và hiến máu tình nguyện", "Health, first aid and blood donation",
        [
            new(CampaignsHeld, "tổ chức {0} phong trào, chiến dịch, chương trình", "{0} campaigns and programmes held"),
            new(CampaignVisitsExamination, "khám bệnh {0} lượt", "{0} health examinations"),
            new(CampaignVisitsConsultation, "tư vấn sức khỏe {0} lượt", "{0} health consultations"),
            new(CampaignCommunicationSessions, "{0} buổi truyền thông phòng bệnh", "{0} disease-prevention communication sessions"),
            new(CampaignPeopleServed, "phục vụ {0} lượt người", "{0} people served"),
            new(CampaignBloodDonations, "tiếp nhận {0} đơn vị máu hiến tình nguyện", "{0} voluntary blood donations"),
            new(CampaignBloodDonors, "{0} người hiến máu tình nguyện", "{0} voluntary blood donors"),
            new(CampaignBloodVolumeMl, "lượng máu tiếp nhận {0}", "{0} of blood collected"),
            new(CampaignFundsRaised, "vận động được {0}", "{0} raised"),
        ]),
        new("awards", "Công tác thi đua, khen thưởng", "Emulation and commendation",
        [
            new(AwardsCollective, "{0} tập thể được khen thưởng", "{0} collectives commended"),
            new(AwardsIndividual, "{0} cá nhân được khen thưởng", "{0} individuals commended"),
            new(AwardsCash, "tiền thưởng kèm theo {0}", "{0} awarded in cash"),
        ]),
    ];

    public static IReadOnlyList<AreaParagraph> Write(int year, IReadOnlyDictionary<string, long> values, IReadOnlyDictionary<string, long> lastYear)
    {
        var compare = lastYear.Values.Any(v => v != 0);
        return [.. Areas.Select(area =>
        {
            var shown = area.Phrases.Where(p => values.GetValueOrDefault(p.Code) != 0).ToList();
            return new AreaParagraph(area.Code, area.TitleVi, area.TitleEn,
                Sentence(shown.Select(p => Clause(p, Figures.Vietnamese))) ?? $"Năm {year} chưa có số liệu về lĩnh vực này.",
                Sentence(shown.Select(p => Clause(p, Figures.English))) ?? $"No figures were recorded in this area in {year}.");
        })];

        string Clause(Phrase phrase, string language)
        {
            var vi = language == Figures.Vietnamese;
            var unit = Of(phrase.Code).Unit;
            var value = values[phrase.Code];
            var text = string.Format(CultureInfo.InvariantCulture, vi ? phrase.Vi : phrase.En, Figures.Format(value, unit, language));
            if (compare)
            {
                text += ", " + Change(value, lastYear.GetValueOrDefault(phrase.Code), year - 1, unit, language);
            }

            if (phrase.Code == MembersNew && values.GetValueOrDefault(GrowthTarget) is > 0 and var target)
            {
                var percent = Figures.Number(values.GetValueOrDefault(GrowthPercent), language);
                text += vi ? $", đạt {percent}% chỉ tiêu ({Figures.Number(target, language)})" : $", {percent}% of the target ({Figures.Number(target, language)})";
            }

            return text;
        }
    }

    /// <summary>"tăng 12% so với năm 2012 (1.102)", "giảm 5% …", "bằng năm 2012", or "năm 2012 chưa có"; a change under
    /// one per cent is said as such rather than rounded to a misleading 0%.</summary>
    public static string Change(long value, long before, int previousYear, IndicatorUnit unit, string language)
    {
        var vi = language == Figures.Vietnamese;
        if (before == 0)
        {
            return vi ? $"năm {previousYear} chưa có" : $"none in {previousYear}";
        }

        if (value == before)
        {
            return vi ? $"bằng năm {previousYear}" : $"the same as {previousYear}";
        }

        var percent = Math.Abs((value - before) * 100m / before);
        var amount = percent < 1 ? (vi ? "chưa đến 1%" : "less than 1%") : Figures.Number((long)Math.Round(percent, MidpointRounding.AwayFromZero), language) + "%";
        var was = Figures.Format(before, unit, language);
        return vi
            ? $"{(value > before ? "tăng" : "giảm")} {amount} so với năm {previousYear} ({was})"
            : $"{(value > before ? "up" : "down")} {amount} on {previousYear} ({was})";
    }

    /// <summary>The clauses as one sentence with a capital first letter, or null when there are none.</summary>
    private static string? Sentence(IEnumerable<string> clauses)
    {
        var text = string.Join("; ", clauses);
        return text.Length == 0 ? null : char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private sealed record Phrase(string Code, string Vi, string En);

    private sealed record Area(string Code, string TitleVi, string TitleEn, Phrase[] Phrases);
}
