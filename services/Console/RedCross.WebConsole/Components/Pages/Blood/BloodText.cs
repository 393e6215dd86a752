using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Blood;

/// <summary>Blood donation's codes as the API names them, and its eligibility refusals said as a blood drive says them.</summary>
internal static class BloodText
{
    public static readonly IReadOnlyList<Choice> Components =
    [
        new("whole_blood", "Máu toàn phần", "Whole blood"),
        new("plasma", "Huyết tương", "Plasma"),
        new("platelets", "Tiểu cầu", "Platelets"),
    ];

    public static readonly IReadOnlyList<Choice> Sexes =
    [
        new("female", "Nữ", "Female"),
        new("male", "Nam", "Male"),
    ];

    public static readonly IReadOnlyList<string> BloodGroups = ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"];

    /// <summary>The usual units (250/350/450 ml); any volume may be typed, the API's rules decide.</summary>
    public static readonly IReadOnlyList<int> UsualVolumes = [250, 350, 450];

    /// <summary>The eligibility rules' reasons (Circular 26/2013/TT-BYT, art. 6), and the other refusals of a donation.
    /// The figures (ages, kilograms, intervals) are the API's data, so they are not repeated here.</summary>
    public static string? Refusal(Language l, string reason) => reason switch
    {
        "INTERVAL_TOO_SHORT" => l.T("Chưa đủ thời gian tối thiểu giữa hai lần hiến máu.", "Not enough time since the donor's previous donation."),
        "DONOR_DEFERRED" => l.T("Người hiến đang trong thời gian tạm hoãn hiến máu.", "The donor is deferred."),
        "DONOR_TOO_YOUNG" => l.T("Người hiến chưa đủ tuổi hiến máu.", "The donor is too young to give blood."),
        "DONOR_TOO_OLD" => l.T("Người hiến đã quá tuổi hiến máu.", "The donor is too old to give blood."),
        "DONOR_UNDERWEIGHT" => l.T("Người hiến chưa đủ cân nặng tối thiểu.", "The donor weighs less than the minimum."),
        "VOLUME_OVER_WEIGHT_LIMIT" => l.T("Thể tích vượt mức cho phép theo cân nặng của người hiến.", "The volume is more than the donor's weight allows."),
        "VOLUME_OVER_MAXIMUM" => l.T("Thể tích vượt mức tối đa cho một lần hiến.", "The volume is more than the maximum for one donation."),
        "ALREADY_ANONYMISED" => l.T("Người hiến này đã được ẩn danh; hãy đăng ký lại nếu người đó hiến tiếp.", "This donor was anonymised; register the person again to record new donations."),
        "CAMPAIGN_CLOSED" => l.T("Chiến dịch của buổi hiến máu đã kết thúc.", "The session's campaign is closed."),
        _ => null,
    };

    /// <summary>Refusals after which the donor's next eligible day is worth saying.</summary>
    public static bool TellsWhenAgain(string reason) => reason is "INTERVAL_TOO_SHORT" or "DONOR_DEFERRED";
}
