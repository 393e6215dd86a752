namespace RedCross.WebConsole.Text;

/// <summary>One value the API names by a code (`blood_donation`, `whole_blood`), with its labels in both languages: the
/// options of a select and the label shown for a code read back.</summary>
internal sealed record Choice(string Code, string Vietnamese, string English)
{
    public string Label(Language l) => l.T(Vietnamese, English);

    /// <summary>The label of a code among <paramref name="choices"/>; an unknown code (a newer API) is shown as it is.</summary>
    public static string Label(Language l, IReadOnlyList<Choice> choices, string code) =>
        choices.FirstOrDefault(c => c.Code == code) is { } c ? c.Label(l) : code;
}
