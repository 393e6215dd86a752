using RedCross.Contracts.Campaign.V1;
using RedCross.WebConsole.Api;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Campaigns;

/// <summary>A campaign's figures as typed (targets, or one result entry): text, so `1.500.000` is accepted and a slip
/// is said beside its field. Posted as `Model.Figures.PeopleServed`, ...; each input's id is the API's field name.
/// Public only because <see cref="FigureFields"/> (a Razor component, always public) takes it as a parameter.</summary>
public sealed class FiguresForm
{
    public string? PeopleServed { get; set; }
    public string? Examinations { get; set; }
    public string? Consultations { get; set; }
    public string? CommunicationSessions { get; set; }
    public string? FundsRaisedVnd { get; set; }
    public string? BloodDonations { get; set; }

    /// <summary>The typed text of a figure, by its API field name.</summary>
    public string? this[string field] => field switch
    {
        "people_served" => PeopleServed,
        "examinations" => Examinations,
        "consultations" => Consultations,
        "communication_sessions" => CommunicationSessions,
        "funds_raised_vnd" => FundsRaisedVnd,
        "blood_donations" => BloodDonations,
        _ => null,
    };

    public static string Property(string field) => string.Concat(field.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Figures that are not whole numbers, said before anything is sent.</summary>
    internal ApiErrors Check(Language l)
    {
        var bad = CampaignText.Figures.Where(f => Numbers.Whole(this[f.Field]) is null)
            .ToDictionary(f => f.Field, _ => l.T("Viết một số nguyên, ví dụ 1.500.", "Write a whole number, for example 1,500."), StringComparer.Ordinal);
        return bad.Count == 0 ? ApiErrors.None : new ApiErrors(string.Empty, bad);
    }

    public CampaignFigures ToProto() => new()
    {
        PeopleServed = Numbers.Whole(PeopleServed) ?? 0,
        Examinations = Numbers.Whole(Examinations) ?? 0,
        Consultations = Numbers.Whole(Consultations) ?? 0,
        CommunicationSessions = Numbers.Whole(CommunicationSessions) ?? 0,
        FundsRaisedVnd = Numbers.Whole(FundsRaisedVnd) ?? 0,
        BloodDonations = Numbers.Whole(BloodDonations) ?? 0,
    };
}
