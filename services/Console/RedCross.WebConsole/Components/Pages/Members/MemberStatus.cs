using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Members;

/// <summary>A member's statuses as the API names them, with their labels.</summary>
internal static class MemberStatus
{
    public static readonly IReadOnlyList<Choice> All =
    [
        new("active", "Đang sinh hoạt", "Active"),
        new("lapsed", "Ngừng sinh hoạt", "Lapsed"),
        new("transferred", "Đã chuyển đi", "Transferred"),
        new("left", "Đã ra khỏi Hội", "Left"),
        new("deceased", "Đã mất", "Deceased"),
    ];

    public static string Label(Language l, string code) => Choice.Label(l, All, code);
}
