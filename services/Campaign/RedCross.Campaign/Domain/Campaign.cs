using RedCross.OrgReplica;
using System.Globalization;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Campaign.Domain;

/// <summary>A campaign or programme (phong trào, chiến dịch, chương trình) of an organising unit: planned, running
/// (opened: it counts as held and takes results), closed (nothing more is recorded against it).</summary>
internal sealed class Campaign : IInUnit
{
    public const string Planned = "planned";
    public const string Running = "running";
    public const string Closed = "closed";

    public static readonly IReadOnlyDictionary<string, string> Types = new[]
    {
        "blood_donation", "health_check", "health_consultation", "disease_prevention", "summer_activities", "fundraising",
        "tet_for_the_poor", "first_aid", "other",
    }.ToDictionary(t => t);

    public static readonly IReadOnlyDictionary<string, string> Statuses = new[] { Planned, Running, Closed }.ToDictionary(s => s);

    public Guid Id { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public string Status { get; set; } = Planned;

    public DateOnly? OpenedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public List<CampaignPartner> Partners { get; set; } = [];

    public Figures Targets { get; set; } = new();

    /// <summary>Sum of the standing result entries (corrections applied) and the donations at its sessions, kept in the
    /// same transaction as each entry.</summary>
    public Figures Totals { get; set; } = new();

    /// <summary>The day the beneficiary list was last drawn from relief, and how many it holds.</summary>
    public DateOnly? BeneficiaryListDrawnOn { get; set; }

    public int BeneficiaryListCount { get; set; }

    public int Version { get; set; }

    public string ETag => Version.ToString(CultureInfo.InvariantCulture);

    public bool NamesPartner(string clientId) => Partners.Any(p => p.ClientId == clientId);

    /// <summary>Results, sessions, donations and lists need a campaign that is not closed.</summary>
    public void EnsureNotClosed()
    {
        if (Status == Closed)
        {
            throw new RuleViolationException("CAMPAIGN_CLOSED", $"Campaign {Id} is closed: nothing more is recorded against it.");
        }
    }

    /// <summary>Results are recorded while the campaign runs, for days within its dates.</summary>
    public void EnsureTakesResults(DateOnly on)
    {
        EnsureNotClosed();
        if (Status != Running)
        {
            throw new RuleViolationException("CAMPAIGN_NOT_RUNNING", $"Campaign {Id} is {Status}: open it before recording results.");
        }

        EnsureWithinDates(on, "result.recorded_on");
    }

    public void EnsureWithinDates(DateOnly on, string field)
    {
        if (on < StartDate || on > EndDate)
        {
            throw new ValidationFailedException(field, $"must be within the campaign's dates {StartDate:yyyy-MM-dd} to {EndDate:yyyy-MM-dd}");
        }
    }

    public void Open(DateOnly on)
    {
        EnsureNotClosed();
        if (Status != Planned)
        {
            throw new RuleViolationException("CAMPAIGN_ALREADY_OPEN", $"Campaign {Id} is running already.");
        }

        (Status, OpenedOn) = (Running, on);
        Version++;
    }

    public void Close(DateOnly on)
    {
        EnsureNotClosed();
        if (Status != Running)
        {
            throw new RuleViolationException("CAMPAIGN_NOT_RUNNING", $"Campaign {Id} is {Status}: only a running campaign closes.");
        }

        if (on < OpenedOn)
        {
            throw new ValidationFailedException("closed_on", $"must not be before the day it opened, {OpenedOn:yyyy-MM-dd}");
        }

        (Status, ClosedOn) = (Closed, on);
        Version++;
    }
}

/// <summary>A partner of a campaign (phối hợp với ngành Y tế, trường học, doanh nghiệp) and its role.</summary>
internal sealed class CampaignPartner
{
    public static readonly IReadOnlyDictionary<string, string> Kinds = new[] { "health_sector", "school", "company", "other" }.ToDictionary(k => k);

    public string Name { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>The OAuth client id of the partner's platform credentials, when it records results itself.</summary>
    public string? ClientId { get; set; }
}
