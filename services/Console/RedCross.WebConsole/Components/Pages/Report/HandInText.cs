using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Report;

/// <summary>The hand-in's words in both languages: a report's status, where a note goes, why an issue was refused.</summary>
internal static class HandInText
{
    public static string Status(Language l, string status) => status switch
    {
        "issued" => l.T("Đã ban hành", "Issued"),
        "amended" => l.T("Có thay đổi sau khi ban hành", "Amended since issue"),
        _ => l.T("Chưa ban hành", "Not issued"),
    };

    /// <summary>The sections a note may go under, in the document's order, with the difficulties' codes last.</summary>
    public static IReadOnlyList<(string Code, string Vi, string En)> Sections { get; } =
    [
        ("organisation", "Công tác tổ chức, hội viên", "Organisation and members"),
        ("relief", "Cứu trợ, địa chỉ nhân đạo", "Relief and humanitarian addresses"),
        ("health", "Chăm sóc sức khỏe, sơ cấp cứu, hiến máu", "Health, first aid and blood donation"),
        ("awards", "Thi đua, khen thưởng (đoạn văn)", "Emulation and commendation (paragraph)"),
        ("child_units", "Kết quả của các đơn vị trực thuộc", "Results of the units below"),
        ("programmes", "Các chương trình, phong trào", "Programmes and campaigns"),
        ("commendations", "Bảng khen thưởng", "Commendations table"),
        ("difficulties", "Khó khăn, hạn chế (chung)", "Difficulties and limitations (overall)"),
        ("difficulty:membership.growth_below_target", "Nguyên nhân: phát triển hội viên chưa cao", "Causes: member development low"),
        ("difficulty:relief.address_reviews_overdue", "Nguyên nhân: rà soát địa chỉ nhân đạo chưa sát", "Causes: address reviews overdue"),
    ];

    public static string? Refusal(Language l, string reason) => reason switch
    {
        "REPORT_ALREADY_ISSUED" => l.T("Báo cáo này đã được ban hành và số liệu chưa thay đổi từ đó.",
            "This report was issued and no figure has changed since."),
        "ISSUED_BEFORE_PREVIOUS_VERSION" => l.T("Ngày đính chính không được trước ngày ban hành lần trước.",
            "An amendment cannot be dated before the previous version."),
        _ => null,
    };
}
