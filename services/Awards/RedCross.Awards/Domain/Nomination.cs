using RedCross.OrgReplica;
using System.Globalization;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Awards.Domain;

/// <summary>A proposal to commend a recipient (đề nghị khen thưởng): draft → submitted → approved | rejected, and an
/// approved one revoked by a correcting decision. A decided nomination is never edited.</summary>
internal sealed class Nomination : IInUnit
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Revoked = "revoked";

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

    public string ETag => Version.ToString(CultureInfo.InvariantCulture);

    public bool IsCollective => RecipientKinds.IsCollective(RecipientKind);

    public void Submit(DateOnly on)
    {
        Require(Draft, "NOMINATION_NOT_DRAFT", "only a draft can be submitted");
        (Status, SubmittedOn) = (Submitted, on);
        Version++;
    }

    public void Approve(string number, DateOnly date, long cashVnd, string by)
    {
        Require(Submitted, "NOMINATION_NOT_SUBMITTED", "only a submitted nomination can be approved");
        if (date < SubmittedOn)
        {
            throw new RuleViolationException("DECISION_BEFORE_SUBMISSION",
                $"The decision is dated {date:yyyy-MM-dd}, before the nomination was submitted on {SubmittedOn:yyyy-MM-dd}.");
        }

        (Status, DecisionNumber, DecisionDate, CashVnd, DecidedBy) = (Approved, number, date, cashVnd, by);
        Version++;
    }

    public void Reject(string reason, string by)
    {
        Require(Submitted, "NOMINATION_NOT_SUBMITTED", "only a submitted nomination can be rejected");
        (Status, Reason, DecidedBy) = (Rejected, reason, by);
        Version++;
    }

    public void Revoke(string reason, DateOnly on)
    {
        Require(Approved, "NOMINATION_NOT_APPROVED", "only an approved commendation can be revoked");
        if (on < DecisionDate)
        {
            throw new RuleViolationException("REVOCATION_BEFORE_DECISION", $"The revocation is dated {on:yyyy-MM-dd}, before the decision of {DecisionDate:yyyy-MM-dd}.");
        }

        (Status, Reason, RevokedOn) = (Revoked, reason, on);
        Version++;
    }

    private void Require(string status, string reason, string what)
    {
        if (Status != status)
        {
            throw new RuleViolationException(reason, $"Nomination {Id} is {Status}: {what}.");
        }
    }
}
