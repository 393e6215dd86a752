using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Awards.Domain;

/// <summary>A proposal to commend a recipient (đề nghị khen thưởng): draft → submitted → approved | rejected, and an
/// approved one revoked by a correcting decision. A decided nomination is never edited.</summary>
internal sealed class Nomination : IResource, IVersioned
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Revoked = "revoked";

    /// <summary>A recipient outside the issuer's area.</summary>
    public const string OutsideIssuer = "RECIPIENT_OUTSIDE_ISSUER";

    // The reasons a status change is refused.
    public const string NotDraft = "NOMINATION_NOT_DRAFT";
    public const string NotSubmitted = "NOMINATION_NOT_SUBMITTED";
    public const string NotApproved = "NOMINATION_NOT_APPROVED";
    public const string DecisionBeforeSubmission = "DECISION_BEFORE_SUBMISSION";
    public const string RevocationBeforeDecision = "REVOCATION_BEFORE_DECISION";

    public static readonly IReadOnlyDictionary<string, string> Statuses = new[] { Draft, Submitted, Approved, Rejected, Revoked }.ToDictionary(s => s, s => s);

    /// <summary>Statuses that hold the recipient's place for the issuer, form and year (see <see cref="DuplicateAward"/>).</summary>
    public static readonly string[] Standing = [Draft, Submitted, Approved];

    public static readonly IReadOnlyDictionary<string, string> Movements = new[]
    {
        "blood_donation", "society_work", "relief", "humanitarian_address", "first_aid", "health_care", "other",
    }.ToDictionary(s => s, s => s);

    public Guid Id { get; set; }

    public string IssuerCode { get; set; } = string.Empty;

    public string FormKind { get; set; } = string.Empty;

    public string RecipientKind { get; set; } = string.Empty;

    /// <summary>Member, volunteer or donor id, or an official's staff reference; null for collectives.</summary>
    public string? RecipientId { get; set; }

    public string? GroupName { get; set; }

    /// <summary>One recipient, one key, whatever kind it was named by (a volunteer is the member): the duplicate rule's key.</summary>
    public string RecipientKey { get; set; } = string.Empty;

    /// <summary>The recipient's unit: reads are filtered and reports count by it.</summary>
    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public string Movement { get; set; } = string.Empty;

    public int Year { get; set; }

    public string ProposerOrgUnitCode { get; set; } = string.Empty;

    public string ProposedBy { get; set; } = string.Empty;

    public string Status { get; set; } = Draft;

    public DateOnly? SubmittedOn { get; set; }

    public string? DecisionNumber { get; set; }

    public DateOnly? DecisionDate { get; set; }

    public string? DecidedBy { get; set; }

    public long CashVnd { get; set; }

    public string? Reason { get; set; }

    public DateOnly? RevokedOn { get; set; }

    public Guid? RecognitionTierId { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public bool IsCollective => RecipientKinds.IsCollective(RecipientKind);

    /// <summary>A new draft to <paramref name="issuer"/> for a recipient resolved to its unit, which must lie in the
    /// issuer's area (<see cref="OutsideIssuer"/>); the form was checked against the issuer's before.</summary>
    public static Nomination Propose(Issuer issuer, string formKind, (string Kind, string? Id, string? GroupName) recipient, string unitCode, string unitPath,
        string movement, int year, string proposerCode, string by)
    {
        var nomination = new Nomination
        {
            Id = Guid.CreateVersion7(),
            IssuerCode = issuer.Code,
            FormKind = formKind,
            RecipientKind = recipient.Kind,
            RecipientId = recipient.Id,
            GroupName = recipient.GroupName,
            RecipientKey = RecipientKinds.Key(recipient.Kind, recipient.Id, unitCode, recipient.GroupName),
            OrgUnitCode = unitCode,
            OrgUnitPath = unitPath,
            Movement = movement,
            Year = year,
            ProposerOrgUnitCode = proposerCode,
            ProposedBy = by,
        };
        if (!issuer.Covers(unitPath))
        {
            throw new RuleViolationException(OutsideIssuer, $"The recipient's unit '{unitCode}' is outside the area of issuer '{issuer.Code}'.");
        }

        return nomination;
    }

    public void Submit(DateOnly on)
    {
        Require(Draft, NotDraft, "only a draft can be submitted");
        (Status, SubmittedOn) = (Submitted, on);
    }

    public void Approve(string number, DateOnly date, long cashVnd, string by)
    {
        Require(Submitted, NotSubmitted, "only a submitted nomination can be approved");
        if (date < SubmittedOn)
        {
            throw new RuleViolationException(DecisionBeforeSubmission,
                $"The decision is dated {date:yyyy-MM-dd}, before the nomination was submitted on {SubmittedOn:yyyy-MM-dd}.");
        }

        (Status, DecisionNumber, DecisionDate, CashVnd, DecidedBy) = (Approved, number, date, cashVnd, by);
    }

    public void Reject(string reason, string by)
    {
        Require(Submitted, NotSubmitted, "only a submitted nomination can be rejected");
        (Status, Reason, DecidedBy) = (Rejected, reason, by);
    }

    public void Revoke(string reason, DateOnly on)
    {
        Require(Approved, NotApproved, "only an approved commendation can be revoked");
        if (on < DecisionDate)
        {
            throw new RuleViolationException(RevocationBeforeDecision, $"The revocation is dated {on:yyyy-MM-dd}, before the decision of {DecisionDate:yyyy-MM-dd}.");
        }

        (Status, Reason, RevokedOn) = (Revoked, reason, on);
    }

    private void Require(string status, string reason, string what)
    {
        if (Status != status)
        {
            throw new RuleViolationException(reason, $"Nomination {Id} is {Status}: {what}.");
        }
    }
}
