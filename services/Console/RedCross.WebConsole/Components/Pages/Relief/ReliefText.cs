using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Relief;

/// <summary>The codes relief's API speaks (categories, kinds, outcomes, states), each with the words officers use for it.
/// A code the console does not know yet is shown as the API wrote it rather than hidden.</summary>
internal static class ReliefText
{
    public static readonly IReadOnlyList<(string Code, string Vietnamese, string English)> Categories =
    [
        ("policy_family", "Gia đình chính sách", "Policy family"),
        ("elderly", "Người cao tuổi", "Elderly"),
        ("poor", "Hộ nghèo", "Poor"),
        ("near_poor", "Hộ cận nghèo", "Near-poor"),
        ("war_invalid", "Thương binh", "War invalid"),
        ("sick_soldier", "Bệnh binh", "Sick soldier"),
        ("agent_orange_victim", "Nạn nhân chất độc da cam", "Agent Orange victim"),
        ("disabled", "Người khuyết tật", "Disabled"),
        ("orphan", "Trẻ mồ côi", "Orphan"),
        ("disaster_affected", "Bị ảnh hưởng thiên tai", "Disaster-affected"),
        ("seriously_ill", "Mắc bệnh hiểm nghèo", "Seriously ill"),
    ];

    public static readonly IReadOnlyList<(string Code, string Vietnamese, string English)> ReviewOutcomes =
    [
        ("still_eligible", "Vẫn còn khó khăn, tiếp tục giúp đỡ", "Still eligible"),
        ("improved", "Đã cải thiện, tiếp tục theo dõi", "Improved"),
        ("left", "Đã chuyển đi (đóng địa chỉ)", "Left (closes the address)"),
        ("deceased", "Đã mất (đóng địa chỉ)", "Deceased (closes the address)"),
    ];

    private static readonly IReadOnlyList<(string Code, string Vietnamese, string English)> Words =
    [
        ("person", "Cá nhân", "Person"),
        ("household", "Hộ gia đình", "Household"),
        ("active", "Đang theo dõi", "Active"),
        ("inactive", "Ngừng theo dõi", "Inactive"),
        ("cash", "Tiền mặt", "Cash"),
        ("in_kind", "Hiện vật", "In kind"),
        ("goods", "Hiện vật", "Goods"),
        ("service", "Dịch vụ", "Service"),
        ("organisation", "Tổ chức", "Organisation"),
        ("individual", "Cá nhân", "Individual"),
        ("donation", "Từ khoản tiếp nhận", "From a donation"),
        ("sponsor_direct", "Nhà tài trợ trao trực tiếp", "Sponsor hands over directly"),
        ("fund", "Từ quỹ", "From a fund"),
        ("open", "Đang theo dõi", "Open"),
        ("closed", "Đã đóng", "Closed"),
        ("no_longer_eligible", "Không còn đủ điều kiện", "No longer eligible"),
        ("duplicate", "Trùng lặp", "Duplicate"),
        ("other", "Khác", "Other"),
        ("female", "Cái", "Female"),
        ("male", "Đực", "Male"),
        ("any", "Đực hay cái đều được", "Either sex"),
        ("cow", "Bò", "Cow"),
        ("buffalo", "Trâu", "Buffalo"),
        ("goat", "Dê", "Goat"),
        ("given", "Được cấp", "Given"),
        ("calved", "Sinh ra tại hộ", "Born at the household"),
        ("handed_over", "Được bàn giao lại", "Handed over"),
        ("sold", "Đã bán", "Sold"),
        ("died", "Đã chết", "Died"),
        ("fulfilled", "Đã bàn giao", "Fulfilled"),
        ("cancelled", "Đã huỷ (bê chết)", "Cancelled (the calf died)"),
    ];

    /// <summary>The label of a code from <see cref="Words"/>, <see cref="Categories"/> or <see cref="ReviewOutcomes"/>.</summary>
    public static string Label(Language l, string code)
    {
        foreach (var list in new[] { Words, Categories, ReviewOutcomes })
        {
            if (list.FirstOrDefault(w => w.Code == code) is { Code: not null } w)
            {
                return l.T(w.Vietnamese, w.English);
            }
        }

        return code;
    }

    /// <summary>Why an address was closed: "left" and "deceased" there are the reason itself, not a review's outcome.</summary>
    public static string CloseReason(Language l, string code) => code switch
    {
        "left" => l.T("Đã chuyển đi", "Left"),
        "deceased" => l.T("Đã mất", "Deceased"),
        _ => Label(l, code),
    };

    /// <summary>An obligation's state: "open" there means a calf still owed, not an address being followed.</summary>
    public static string ObligationState(Language l, string code) => code == "open" ? l.T("Chưa bàn giao", "Owed") : Label(l, code);

    /// <summary>A person's sex (nam/nữ); an animal's is đực/cái, from <see cref="Label"/>.</summary>
    public static string PersonSex(Language l, string code) => code switch
    {
        "female" => l.T("Nữ", "Female"),
        "male" => l.T("Nam", "Male"),
        "other" => l.T("Khác", "Other"),
        _ => string.Empty,
    };

    public static string CategoryList(Language l, IEnumerable<string> codes) => string.Join(", ", codes.Select(c => Label(l, c)));
}
