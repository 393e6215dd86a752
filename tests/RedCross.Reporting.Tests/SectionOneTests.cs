using RedCross.Reporting.Domain;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Section I's sentences from figures alone, without a host.</summary>
public sealed class SectionOneTests
{
    private static Dictionary<string, long> Year(params (string Code, long Value)[] figures) =>
        Indicators.Catalog.ToDictionary(i => i.Code, i => figures.FirstOrDefault(f => f.Code == i.Code).Value);

    private static AreaParagraph Area(string code, Dictionary<string, long> year, Dictionary<string, long> before) =>
        SectionOne.Write(2013, year, before).Single(a => a.Code == code);

    [Fact]
    public void A_zero_figure_is_left_out_and_an_area_with_none_says_so()
    {
        var year = Year((Indicators.MembersNew, 12), (Indicators.DuesCollected, 0));
        var organisation = Area("organisation", year, Year());
        Assert.Equal("Kết nạp 12 hội viên mới.", organisation.Vi);
        Assert.Equal("12 new members joined.", organisation.En);
        Assert.Equal("Năm 2013 chưa có số liệu về lĩnh vực này.", Area("awards", year, Year()).Vi);
    }

    [Fact]
    public void Each_figure_is_set_beside_last_years_when_last_year_has_figures()
    {
        var before = Year((Indicators.MembersNew, 100), (Indicators.TrainingsHeld, 4), (Indicators.DuesCollected, 2_000_000));
        var year = Year((Indicators.MembersNew, 112), (Indicators.TrainingsHeld, 4), (Indicators.DuesCollected, 1_900_000), (Indicators.WelfareVisits, 3));
        Assert.Equal(
            "Kết nạp 112 hội viên mới, tăng 12% so với năm 2012 (100); tổ chức 4 lớp tập huấn, bằng năm 2012; "
            + "thăm hỏi hội viên 3 lượt, năm 2012 chưa có; thu hội phí 1.900.000 đồng, giảm 5% so với năm 2012 (2.000.000 đồng).",
            Area("organisation", year, before).Vi);
        Assert.Equal(
            "112 new members joined, up 12% on 2012 (100); 4 training courses held, the same as 2012; "
            + "3 welfare visits to members, none in 2012; 1,900,000 VND collected in dues, down 5% on 2012 (2,000,000 VND).",
            Area("organisation", year, before).En);
    }

    [Fact]
    public void New_members_are_set_against_the_target_and_a_change_under_one_per_cent_is_not_rounded_to_zero()
    {
        var year = Year((Indicators.MembersNew, 1_001), (Indicators.GrowthTarget, 1_500), (Indicators.GrowthPercent, 66));
        Assert.Equal("Kết nạp 1.001 hội viên mới, tăng chưa đến 1% so với năm 2012 (1.000), đạt 66% chỉ tiêu (1.500).",
            Area("organisation", year, Year((Indicators.MembersNew, 1_000))).Vi);
    }
}
