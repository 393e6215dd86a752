using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Admin;

/// <summary>The roles a person's account can have, with their labels (partners and services are clients, not people).</summary>
internal static class StaffRoles
{
    public static readonly IReadOnlyList<Choice> All =
    [
        new("district_officer", "Cán bộ huyện", "District officer"),
        new("branch_officer", "Cán bộ cơ sở", "Branch officer"),
        new("viewer", "Chỉ xem", "Viewer"),
        new("province_admin", "Quản trị tỉnh", "Province admin"),
    ];

    public static string Label(Language l, string code) => Choice.Label(l, All, code);
}
