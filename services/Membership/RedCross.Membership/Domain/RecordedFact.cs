using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>A recorded fact (a payment, an exemption, a course, a welfare record). Facts are corrected by a
/// void with a reason, never edited or deleted: the original stays, marked with who voided it, when and why,
/// and stops counting in rules and reports.</summary>
internal abstract class RecordedFact
{
    public const string AlreadyVoided = "ALREADY_VOIDED";

    public Guid Id { get; set; }

    /// <summary>The unit the fact counts in.</summary>
    public string OrgUnitCode { get; set; } = string.Empty;

    public DateTimeOffset? VoidedAt { get; set; }

    /// <summary>The `sub` of the caller who voided the fact.</summary>
    public string? VoidedBy { get; set; }

    public string? VoidReason { get; set; }

    public void Void(string by, DateTimeOffset at, string reason)
    {
        if (VoidedAt is not null)
        {
            throw new RuleViolationException(AlreadyVoided, $"The record was voided on {VoidedAt:yyyy-MM-dd} and stays as it is.");
        }

        (VoidedAt, VoidedBy, VoidReason) = (at, by, reason);
    }
}
