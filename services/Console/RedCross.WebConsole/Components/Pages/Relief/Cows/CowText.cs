using RedCross.Contracts.Relief.V1;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Relief.Cows;

/// <summary>A programme's hand-back rule in a sentence, as the programme's decision would say it.</summary>
internal static class CowText
{
    public static string Rule(Language l, LivestockProgramme p)
    {
        var which = p.HandbackCalf == 2 ? l.T("lứa thứ hai", "second calf") : l.T("lứa đầu", "first calf");
        var sex = p.RequiredSex switch
        {
            "female" => l.T("bê cái", "a female calf"),
            "male" => l.T("bê đực", "a male calf"),
            _ => l.T("bê", "a calf"),
        };
        return l.T($"Trả {sex} {which}, khi bê {p.HandoverMinAgeMonths}–{p.HandoverMaxAgeMonths} tháng tuổi",
            $"Hand back {sex} ({which}) at {p.HandoverMinAgeMonths}–{p.HandoverMaxAgeMonths} months");
    }
}
