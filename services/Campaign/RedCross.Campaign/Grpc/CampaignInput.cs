using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.ServiceDefaults.Errors;
using CampaignPartner = RedCross.Campaign.Domain.CampaignPartner;

namespace RedCross.Campaign.Grpc;

/// <summary>Checks shared by the campaign rpcs: figures, partners.</summary>
internal static class CampaignInput
{
    /// <summary>Largest figure accepted (counts and whole VND).</summary>
    public const long MaxFigure = 1_000_000_000_000;

    /// <summary>A new campaign as given, checked field by field; its unit is the code given until the write resolves it.</summary>
    public static Domain.Campaign Planned(Input input, Contracts.Campaign.V1.Campaign c)
    {
        var type = input.OneOf("campaign.type", c.Type, Domain.Campaign.Types);
        var name = input.Text("campaign.name", c.Name, 300);
        var unitCode = input.Text("campaign.org_unit", c.OrgUnit, 40);
        var start = input.Date("campaign.start_date", c.StartDate);
        var end = input.Date("campaign.end_date", c.EndDate);
        if (start is { } s && end is { } e && e < s)
        {
            input.Fail("campaign.end_date", "must not be before start_date");
        }

        if (c.Partners.Count > Domain.Campaign.MaxPartners)
        {
            input.Fail("campaign.partners", $"at most {Domain.Campaign.MaxPartners}");
        }

        var partners = c.Partners.Select((p, i) => Partner(input, $"campaign.partners[{i}]", p)).ToList();
        var targets = Figures(input, "campaign.targets", c.Targets, isTarget: true);

        return new Domain.Campaign
        {
            Type = type ?? string.Empty,
            Name = name ?? string.Empty,
            OrgUnitCode = unitCode ?? string.Empty,
            StartDate = start.GetValueOrDefault(),
            EndDate = end.GetValueOrDefault(),
            Partners = [.. partners.OfType<CampaignPartner>()],
            Targets = targets,
        };
    }

    /// <summary>Each figure 0 or more; a result entry carries no blood donations (they are recorded one by one).</summary>
    public static Figures Figures(Input input, string prefix, CampaignFigures? f, bool isTarget)
    {
        f ??= new CampaignFigures();
        var figures = new Figures
        {
            PeopleServed = input.Range(prefix + ".people_served", f.PeopleServed, 0, MaxFigure),
            Examinations = input.Range(prefix + ".examinations", f.Examinations, 0, MaxFigure),
            Consultations = input.Range(prefix + ".consultations", f.Consultations, 0, MaxFigure),
            CommunicationSessions = input.Range(prefix + ".communication_sessions", f.CommunicationSessions, 0, MaxFigure),
            FundsRaisedVnd = input.Range(prefix + ".funds_raised_vnd", f.FundsRaisedVnd, 0, MaxFigure),
            BloodDonations = isTarget ? input.Range(prefix + ".blood_donations", f.BloodDonations, 0, MaxFigure) : f.BloodDonations,
        };
        if (!isTarget && f.BloodDonations != 0)
        {
            input.Fail(prefix + ".blood_donations", "must be 0: donations are recorded one by one with RecordBloodDonation");
        }

        return figures;
    }

    public static CampaignPartner? Partner(Input input, string prefix, Contracts.Campaign.V1.CampaignPartner? p)
    {
        if (p is null)
        {
            input.Fail(prefix, "is required");
            return null;
        }

        var name = input.Text(prefix + ".name", p.Name, 200);
        var kind = input.OneOf(prefix + ".kind", p.Kind, CampaignPartner.Kinds);
        var role = input.Text(prefix + ".role", p.Role, 200, required: false);
        var clientId = input.Text(prefix + ".client_id", p.ClientId, 100, required: false);
        return name is null || kind is null ? null : new CampaignPartner { Name = name, Kind = kind, Role = role ?? string.Empty, ClientId = clientId };
    }
}
