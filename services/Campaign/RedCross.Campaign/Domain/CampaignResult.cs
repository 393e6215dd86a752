using RedCross.OrgReplica;
namespace RedCross.Campaign.Domain;

/// <summary>One entry of a campaign's results, never edited: a correcting entry carries the right figures of the entry
/// it corrects, which stays, marked superseded.</summary>
internal sealed class CampaignResult : IInUnit
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    /// <summary>The campaign's organising unit, where the figures count.</summary>
    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly RecordedOn { get; set; }

    public Figures Figures { get; set; } = new();

    public string? Note { get; set; }

    public Guid? CorrectsResultId { get; set; }

    public Guid? CorrectedByResultId { get; set; }

    public string? CorrectionReason { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}
