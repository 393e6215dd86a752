using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Domain;

/// <summary>A campaign or programme (phong trào, chiến dịch, chương trình) of an organising unit: planned, running
/// (opened: it counts as held and takes results), closed (nothing more is recorded against it).</summary>
internal sealed class Campaign : IResource, IVersioned
{
    public const string Planned = "planned";
    public const string Running = "running";
    public const string Closed = "closed";

    /// <summary>Most partners one campaign names: a district's blood drive has a dozen; more is a list, not partners.</summary>
    public const int MaxPartners = 50;

    public const string IsClosed = "CAMPAIGN_CLOSED";
    public const string NotRunning = "CAMPAIGN_NOT_RUNNING";
    public const string AlreadyOpen = "CAMPAIGN_ALREADY_OPEN";
    public const string TooManyPartners = "TOO_MANY_PARTNERS";
    public const string AlreadyCorrected = "ALREADY_CORRECTED";

    /// <summary>A partner's token, for a campaign that does not name it.</summary>
    public const string NotAPartner = "NOT_A_PARTNER";

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

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public bool NamesPartner(string clientId) => Partners.Any(p => p.ClientId == clientId);

    /// <summary>Results, sessions, donations and lists need a campaign that is not closed.</summary>
    public void EnsureNotClosed()
    {
        if (Status == Closed)
        {
            throw new RuleViolationException(IsClosed, $"Campaign {Id} is closed: nothing more is recorded against it.");
        }
    }

    /// <summary>A beneficiary list of <paramref name="count"/> people drawn on <paramref name="on"/>, replacing any
    /// drawn before; not for a closed campaign.</summary>
    public void ListDrawn(DateOnly on, int count)
    {
        EnsureNotClosed();
        (BeneficiaryListDrawnOn, BeneficiaryListCount) = (on, count);
    }

    /// <summary>Results are recorded while the campaign runs, for days within its dates.</summary>
    public void EnsureTakesResults(DateOnly on)
    {
        EnsureNotClosed();
        if (Status != Running)
        {
            throw new RuleViolationException(NotRunning, $"Campaign {Id} is {Status}: open it before recording results.");
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

    /// <summary>Sessions and beneficiary lists are of the campaign's unit or a unit under it.</summary>
    public void EnsureCovers(string unitPath, string field)
    {
        if (!OrgPath.IsWithin(unitPath, OrgUnitPath))
        {
            throw new ValidationFailedException(field, $"must be the campaign's unit {OrgUnitCode} or a unit under it");
        }
    }

    public void Open(DateOnly on)
    {
        EnsureNotClosed();
        if (Status != Planned)
        {
            throw new RuleViolationException(AlreadyOpen, $"Campaign {Id} is running already.");
        }

        (Status, OpenedOn) = (Running, on);
    }

    public void Close(DateOnly on)
    {
        EnsureNotClosed();
        if (Status != Running)
        {
            throw new RuleViolationException(NotRunning, $"Campaign {Id} is {Status}: only a running campaign closes.");
        }

        if (on < OpenedOn)
        {
            throw new ValidationFailedException("closed_on", $"must not be before the day it opened, {OpenedOn:yyyy-MM-dd}");
        }

        (Status, ClosedOn) = (Closed, on);
    }

    /// <summary>Names a partner while the campaign is not closed, up to <see cref="MaxPartners"/>, each client once.</summary>
    public void AddPartner(CampaignPartner partner)
    {
        EnsureNotClosed();
        if (Partners.Count >= MaxPartners)
        {
            throw new RuleViolationException(TooManyPartners, $"A campaign has at most {MaxPartners} partners.");
        }

        if (partner.ClientId is { } client && NamesPartner(client))
        {
            throw new ResourceConflictException("partner.client_id", $"Client '{client}' is a partner of this campaign already.");
        }

        Partners.Add(partner);
    }

    /// <summary>An entry of results for a day the campaign takes them, added to its totals.</summary>
    public CampaignResult RecordResult(DateOnly on, Figures figures, string? note, string by, DateTimeOffset at)
    {
        EnsureTakesResults(on);
        var result = new CampaignResult
        {
            Id = Guid.CreateVersion7(), CampaignId = Id, OrgUnitCode = OrgUnitCode, OrgUnitPath = OrgUnitPath, RecordedOn = on,
            Figures = figures, Note = note, RecordedBy = by, RecordedAt = at,
        };
        Totals.Add(figures);
        return result;
    }

    /// <summary>A correcting entry carrying the right <paramref name="figures"/> of <paramref name="corrected"/>, which
    /// stays, marked superseded; an entry is corrected once (correct the correcting one after). The totals move by the
    /// change, returned for the event.</summary>
    public (CampaignResult Correcting, Figures Change) CorrectResult(CampaignResult corrected, Figures figures, string? reason, string by, DateTimeOffset at)
    {
        EnsureTakesResults(corrected.RecordedOn);
        if (corrected.CorrectedByResultId is { } already)
        {
            throw new RuleViolationException(AlreadyCorrected, $"Result {corrected.Id} was corrected by {already} already: correct that entry.");
        }

        var correcting = new CampaignResult
        {
            Id = Guid.CreateVersion7(), CampaignId = Id, OrgUnitCode = OrgUnitCode, OrgUnitPath = OrgUnitPath, RecordedOn = corrected.RecordedOn,
            Figures = figures, Note = corrected.Note, CorrectsResultId = corrected.Id, CorrectionReason = reason, RecordedBy = by, RecordedAt = at,
        };
        var change = figures.Minus(corrected.Figures);
        corrected.CorrectedByResultId = correcting.Id;
        Totals.Add(change);
        return (correcting, change);
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
