using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Members;

/// <summary>A member's statuses as the API names them, with their labels.</summary>
internal static class MemberStatus
{
    public static readonly IReadOnlyList<(string Code, string Vietnamese, string English)> All =
    [
        ("active", "Đang sinh hoạt", "Active"),
        ("lapsed", "Ngừng sinh hoạt", "Lapsed"),
        ("transferred", "Đã chuyển đi", "Transferred"),
        ("left", "Đã ra khỏi Hội", "Left"),
        ("deceased", "Đã mất", "Deceased"),
    ];

    public static string Label(Language l, string code) =>
        All.FirstOrDefault(s => s.Code == code) is { Code: not null } s ? l.T(s.Vietnamese, s.English) : code;
}
