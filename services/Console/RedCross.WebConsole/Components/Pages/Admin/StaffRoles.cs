using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Admin;

/// <summary>The roles a person's account can have, with their labels (partners and services are clients, not people).</summary>
internal static class StaffRoles
{
    public static readonly IReadOnlyList<(string Code, string Vietnamese, string English)> All =
    [
        ("district_officer", "Cán bộ huyện", "District officer"),
        ("branch_officer", "Cán bộ cơ sở", "Branch officer"),
        ("viewer", "Chỉ xem", "Viewer"),
        ("province_admin", "Quản trị tỉnh", "Province admin"),
    ];

    public static string Label(Language l, string code) =>
        All.FirstOrDefault(r => r.Code == code) is { Code: not null } r ? l.T(r.Vietnamese, r.English) : code;
}
