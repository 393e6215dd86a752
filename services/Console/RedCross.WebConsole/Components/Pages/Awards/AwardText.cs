using RedCross.Contracts.Awards.V1;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Awards;

/// <summary>Emulation and commendation's codes as the API names them, in the words of the movement (DOMAIN.md).</summary>
internal static class AwardText
{
    public static readonly IReadOnlyList<Choice> Forms =
    [
        new("certificate_of_merit", "Giấy khen", "Certificate of merit"),
        new("diploma_of_merit", "Bằng khen", "Diploma of merit"),
        new("commemorative_medal", "Kỷ niệm chương", "Commemorative medal"),
    ];

    public static readonly IReadOnlyList<Choice> Movements =
    [
        new("blood_donation", "Hiến máu tình nguyện", "Voluntary blood donation"),
        new("society_work", "Công tác Hội", "Society work"),
        new("relief", "Cứu trợ", "Relief"),
        new("humanitarian_address", "Địa chỉ nhân đạo", "Humanitarian addresses"),
        new("first_aid", "Sơ cấp cứu", "First aid"),
        new("health_care", "Chăm sóc sức khỏe", "Health care"),
        new("other", "Khác", "Other"),
    ];

    public static readonly IReadOnlyList<Choice> Statuses =
    [
        new("draft", "Đang soạn", "Draft"),
        new("submitted", "Đã trình", "Submitted"),
        new("approved", "Đã được khen thưởng", "Approved"),
        new("rejected", "Không được duyệt", "Rejected"),
        new("revoked", "Đã thu hồi", "Revoked"),
    ];

    /// <summary>Whom a nomination names: collectives (a unit, a group) and individuals.</summary>
    public static readonly IReadOnlyList<Choice> Recipients =
    [
        new("org_unit", "Tập thể: đơn vị", "Collective: a unit"),
        new("group", "Tập thể: nhóm, câu lạc bộ", "Collective: a group or club"),
        new("member", "Cá nhân: hội viên", "Individual: a member"),
        new("volunteer", "Cá nhân: tình nguyện viên", "Individual: a volunteer"),
        new("donor", "Cá nhân: người hiến máu", "Individual: a blood donor"),
        new("official", "Cá nhân: cán bộ", "Individual: an official"),
    ];

    public static string Issuer(IReadOnlyDictionary<string, Issuer> issuers, string code) =>
        issuers.TryGetValue(code, out var issuer) ? issuer.Name : code;

    /// <summary>Refusals of a nomination and of its decision, said in the person's language.</summary>
    public static string? Refusal(Language l, string reason) => reason switch
    {
        "NOT_ACTING_FOR_ISSUER" => l.T("Chỉ người thay mặt cấp khen này mới được phê duyệt hay từ chối đề nghị.", "Only someone acting for this issuer may approve or reject the nomination."),
        "FORM_NOT_OFFERED" => l.T("Cấp khen này không có hình thức khen thưởng đã chọn.", "This issuer does not give the chosen award form."),
        "RECIPIENT_OUTSIDE_ISSUER" => l.T("Người hoặc tập thể được đề nghị không thuộc phạm vi của cấp khen này.", "The recipient is outside this issuer's area."),
        "NOT_A_VOLUNTEER" => l.T("Hội viên này không phải tình nguyện viên; hãy đề nghị với tư cách hội viên.", "This member is not a volunteer; nominate them as a member."),
        "NOMINATION_NOT_DRAFT" => l.T("Đề nghị này đã được trình rồi.", "This nomination was submitted already."),
        "NOMINATION_NOT_SUBMITTED" => l.T("Đề nghị này chưa được trình, hoặc đã được quyết định.", "This nomination is not submitted, or was decided already."),
        "DECISION_BEFORE_SUBMISSION" => l.T("Ngày quyết định không được trước ngày trình.", "The decision cannot be dated before the submission."),
        "TOO_MANY_CANDIDATES" => l.T("Quá nhiều người cùng lúc; hãy đề nghị từng đơn vị.", "Too many at once; nominate unit by unit."),
        _ => null,
    };
}
