using System.Globalization;
using System.Security.Claims;
using Grpc.Core;
using RedCross.ServiceDefaults.Security;
using RedCross.WebConsole.Api;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Members;

/// <summary>What the member's record pages share: who may write, today's date as a form's default, and the API's
/// refusal reasons said in the person's language.</summary>
internal static class MemberForms
{
    /// <summary>True when the person's role may change members and record their activities (the API's own table): a
    /// viewer is shown no form that would only be refused.</summary>
    public static bool CanWrite(ClaimsPrincipal person) =>
        person.FindFirst(CallerClaims.Role)?.Value is { } role
        && Permissions.Table.Any(r => r.Role == role && r.Scope is null && r.Permission is Permission.WriteMembers or Permission.WriteActivities);

    public static string Today => VietnamDate.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static int ThisYear => VietnamDate.Today.Year;

    /// <summary>A whole number typed ("12", "2026"); null when it is not one.</summary>
    public static int? Whole(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A refusal for a form with these <paramref name="inputs"/>: the API's field errors beside their inputs, a
    /// rule it names only by its reason beside the input that can fix it (<paramref name="beside"/>: reason, input), and
    /// the page's message in the person's language.</summary>
    public static ApiErrors Explain(Language l, RpcException ex, string[] inputs, params (string Reason, string Field)[] beside)
    {
        var reason = ApiReason.Of(ex);
        var errors = ApiReason.Explain(l, ex, r => Refusal(l, r)).Beside(inputs);
        if (beside.FirstOrDefault(b => b.Reason == reason) is { Field: { } field } && Refusal(l, reason) is { } text)
        {
            return errors with { Fields = new Dictionary<string, string>(errors.Fields, StringComparer.Ordinal) { [field] = text } };
        }

        return errors;
    }

    /// <summary>The reasons the membership API refuses a member's change or record with, said for the person.</summary>
    public static string? Refusal(Language l, string reason) => reason switch
    {
        "MEMBER_DECEASED" => l.T("Hội viên đã mất: không thay đổi được nữa.", "The member is deceased: nothing can change any more."),
        "SAME_UNIT" => l.T("Hội viên đang sinh hoạt ở đơn vị này rồi.", "The member is in this unit already."),
        "EFFECTIVE_DATE_BEFORE_LAST_CHANGE" => l.T("Ngày này trước lần thay đổi gần nhất của hội viên (hoặc trước ngày vào hội).", "This date is before the member's last change (or before the date joined)."),
        "STATUS_UNCHANGED" => l.T("Hội viên đang ở trạng thái này rồi.", "The member has this status already."),
        "ORG_UNIT_NOT_OPEN" => l.T("Đơn vị này không hoạt động vào ngày đó.", "This unit is not open on that date."),
        "MEMBER_NOT_ACTIVE" => l.T("Chỉ hội viên đang sinh hoạt mới đóng hội phí.", "Only active members pay dues."),
        "MEMBER_EXEMPT" => l.T("Hội viên được miễn hội phí năm này.", "The member is exempt from dues this year."),
        "DUES_ALREADY_PAID" => l.T("Số tháng này vượt quá 12 tháng của năm (tính cả các tháng đã đóng).", "These months go beyond the year's 12 (counting those paid already)."),
        "NO_DUES_RATE" => l.T("Chưa có mức hội phí cho năm này.", "No dues rate is in force for this year."),
        "NO_COMMUNE" => l.T("Miễn hội phí do đơn vị cấp xã xét; đơn vị của hội viên ở cấp trên xã.", "Exemptions are granted by a commune-level unit; the member's unit is above it."),
        "EXEMPTION_CAP_REACHED" => l.T("Xã đã miễn đủ 10% số hội viên trong năm này.", "The commune has exempted 10% of its members this year already."),
        _ => null,
    };
}
