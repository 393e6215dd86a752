using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Reports;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The report's programme and commendation rows as the templates receive them: each result with its own unit,
/// never one number for visits, sessions and donations, and each commendation with its movement in the report's
/// language.</summary>
public sealed class ReportUnitsTests
{
    private static readonly AnnualReport Report = new()
    {
        OrgUnit = "058", OrgUnitName = "Hội Chữ thập đỏ thị xã Bắc Kạn", Year = 2013,
        Programmes =
        {
            new ReportProgramme { Campaign = "Hiến máu tình nguyện năm 2013", Type = "blood_donation", BloodDonations = 412, BloodVolumeMl = 144_200 },
            new ReportProgramme { Campaign = "Khám bệnh", Type = "health_check", Visits = 1_126, CommunicationSessions = 24 },
            new ReportProgramme { Campaign = "Hoạt động hè", Type = "summer_activities" },
        },
        Commendations =
        {
            new ReportCommendation { Issuer = "Hội Chữ thập đỏ tỉnh", Form = "Giấy khen", Movement = "blood_donation", Individuals = 4 },
            new ReportCommendation { Issuer = "Hội Chữ thập đỏ tỉnh", Form = "Giấy khen", Movement = "society_work", Collectives = 2 },
            new ReportCommendation { Issuer = "Hội Chữ thập đỏ tỉnh", Form = "Giấy khen", Collectives = 1 },
        },
    };

    private static List<string> Column(string language, string list, string key) =>
        [.. ((List<object>)ReportModel.Of(Report, language, new DateOnly(2013, 12, 31))[list]).Select(row => (string)((Dictionary<string, object>)row)[key])];

    [Fact]
    public void A_programmes_results_name_their_units_and_a_blood_drive_shows_its_donations_and_volume()
    {
        Assert.Equal(["412 lượt hiến máu, 144.200 ml", "1.126 lượt khám, tư vấn; 24 buổi truyền thông", "–"], Column("vi", "programmes", "results"));
        Assert.Equal(["412 blood donations, 144,200 ml", "1,126 visits; 24 communication sessions", "–"], Column("en", "programmes", "results"));
    }

    [Fact]
    public void A_commendation_line_names_its_movement_and_a_line_counted_before_movements_were_kept_shows_a_dash()
    {
        Assert.Equal(["Hiến máu tình nguyện", "Công tác Hội", "–"], Column("vi", "commendations", "movement"));
        Assert.Equal(["voluntary blood donation", "Society work", "–"], Column("en", "commendations", "movement"));
    }
}
