using RedCross.Contracts.Campaign.V1;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Campaigns;

/// <summary>A campaign's codes as the API names them, with the words offices use (DOMAIN.md).</summary>
internal static class CampaignText
{
    public static readonly IReadOnlyList<Choice> Types =
    [
        new("blood_donation", "Hiến máu tình nguyện", "Voluntary blood donation"),
        new("health_check", "Khám bệnh nhân đạo", "Humanitarian health check"),
        new("health_consultation", "Tư vấn sức khỏe", "Health consultation"),
        new("disease_prevention", "Truyền thông phòng chống dịch bệnh", "Disease-prevention communication"),
        new("summer_activities", "Hoạt động hè cho học sinh", "Summer activities for pupils"),
        new("fundraising", "Vận động quyên góp", "Fundraising"),
        new("tet_for_the_poor", "Tết vì người nghèo", "Tết for the poor"),
        new("first_aid", "Sơ cấp cứu", "First aid"),
        new("other", "Khác", "Other"),
    ];

    public static readonly IReadOnlyList<Choice> Statuses =
    [
        new("planned", "Đang chuẩn bị", "Planned"),
        new("running", "Đang diễn ra", "Running"),
        new("closed", "Đã kết thúc", "Closed"),
    ];

    public static readonly IReadOnlyList<Choice> PartnerKinds =
    [
        new("health_sector", "Ngành Y tế", "Health sector"),
        new("school", "Trường học", "School"),
        new("company", "Doanh nghiệp", "Company"),
        new("other", "Khác", "Other"),
    ];

    /// <summary>Each figure: its API field (the id of its input, so a refusal shows beside it), its labels, and how it
    /// is read from the API's message.</summary>
    public static readonly IReadOnlyList<(string Field, string Vietnamese, string English, Func<CampaignFigures, long> Read, bool Money)> Figures =
    [
        ("people_served", "Lượt người được phục vụ", "People served", f => f.PeopleServed, false),
        ("examinations", "Lượt khám", "Examinations", f => f.Examinations, false),
        ("consultations", "Lượt tư vấn", "Consultations", f => f.Consultations, false),
        ("communication_sessions", "Buổi truyền thông", "Communication sessions", f => f.CommunicationSessions, false),
        ("funds_raised_vnd", "Số tiền vận động (đồng)", "Funds raised (VND)", f => f.FundsRaisedVnd, true),
        ("blood_donations", "Đơn vị máu", "Blood donations", f => f.BloodDonations, false),
    ];

    public static string Figure(long value, bool money) => money ? Formats.Money(value) : Formats.Number(value);

    /// <summary>The rules a campaign's state can refuse, said in the person's language.</summary>
    public static string? Refusal(Language l, string reason) => reason switch
    {
        "CAMPAIGN_CLOSED" => l.T("Chiến dịch đã kết thúc, không ghi thêm được.", "The campaign is closed; nothing more can be recorded."),
        "CAMPAIGN_NOT_RUNNING" => l.T("Chiến dịch chưa bắt đầu: hãy bắt đầu chiến dịch trước.", "The campaign has not started: start it first."),
        "CAMPAIGN_ALREADY_OPEN" => l.T("Chiến dịch đã bắt đầu rồi.", "The campaign has started already."),
        "TOO_MANY_PARTNERS" => l.T("Một chiến dịch có tối đa 50 đơn vị phối hợp.", "A campaign has at most 50 partners."),
        _ => null,
    };
}
