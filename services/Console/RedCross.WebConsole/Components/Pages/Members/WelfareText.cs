using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Members;

/// <summary>Why a member was visited (thăm hỏi), as the API names it.</summary>
internal static class WelfareText
{
    public static readonly IReadOnlyList<Choice> Reasons =
    [
        new("illness", "Ốm đau", "Illness"),
        new("accident", "Tai nạn", "Accident"),
        new("misfortune", "Hoạn nạn, rủi ro", "Misfortune"),
    ];

    public static string Reason(Language l, string code) => Choice.Label(l, Reasons, code);
}
