using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Domain;

/// <summary>A surveyed hardship case (địa chỉ nhân đạo) followed by a unit: its dossier, and its review schedule
/// (<see cref="AddressReviewSchedule"/>). Closed, never deleted: its commitments, assistance and reviews stay.</summary>
internal sealed class HumanitarianAddress : IResource, IVersioned
{
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>Rule reason: an address's beneficiary lives in the address's unit or below it.</summary>
    public const string BeneficiaryOutsideUnit = "BENEFICIARY_OUTSIDE_UNIT";

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string> { [Open] = Open, [Closed] = Closed };

    public static void EnsureBeneficiaryWithin(Beneficiary beneficiary, string unitCode, string unitPath)
    {
        if (!OrgPath.IsWithin(beneficiary.OrgUnitPath, unitPath))
        {
            throw new RuleViolationException(BeneficiaryOutsideUnit, $"Beneficiary {beneficiary.Id} lives in {beneficiary.OrgUnitCode}, outside {unitCode}.");
        }
    }

    public Guid Id { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public Guid? BeneficiaryId { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string Situation { get; set; } = string.Empty;

    public string Needs { get; set; } = string.Empty;

    public DateOnly OpenedOn { get; set; }

    /// <summary>The deployment's interval when the address was opened: a later change of the setting does not move
    /// the schedule of addresses already open.</summary>
    public int ReviewIntervalMonths { get; set; }

    /// <summary>When the first review falls due; the due date as of a day before any review.</summary>
    public DateOnly FirstDueOn { get; set; }

    /// <summary>The due date in force now; null once closed.</summary>
    public DateOnly? DueOn { get; set; }

    public DateOnly? LastReviewedOn { get; set; }

    public string Status { get; set; } = Open;

    public DateOnly? ClosedOn { get; set; }

    /// <summary>A code: a <see cref="AddressReviewSchedule.CloseReasons"/> value.</summary>
    public string? CloseReason { get; set; }

    public string? CloseNote { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    /// <summary>Erases what identifies the people of the case when its beneficiary is anonymised (Decree 13/2023/NĐ-CP):
    /// the name the case is known by, its contact, its situation and every free-text note of its history, which may name
    /// them or tell of their health. Dates, status, review outcomes, commitments, amounts and the published needs stay,
    /// so no count moves.</summary>
    public void Anonymise(IEnumerable<AddressAssistance> assistance, IEnumerable<AddressReview> reviews)
    {
        (DisplayName, Phone, Address, Situation, CloseNote) = (Beneficiary.AnonymousName, null, null, string.Empty, null);
        foreach (var entry in assistance)
        {
            entry.Note = null;
        }

        foreach (var review in reviews)
        {
            review.Note = null;
        }
    }
}

/// <summary>A sponsor's commitment to help an address from a day, until a day or open-ended.</summary>
internal sealed class AddressCommitment
{
    public Guid Id { get; set; }

    public Guid AddressId { get; set; }

    public Guid SponsorId { get; set; }

    public string What { get; set; } = string.Empty;

    public DateOnly FromDate { get; set; }

    public DateOnly? UntilDate { get; set; }

    /// <summary>From a day, until a day or for a number of months (not both), or open-ended; never ending before it starts.</summary>
    public static (DateOnly? From, DateOnly? Until) CheckPeriod(Input input, string fromDate, string untilDate, int durationMonths)
    {
        var from = input.Date("commitment.from_date", fromDate);
        var until = string.IsNullOrWhiteSpace(untilDate) ? null : input.Date("commitment.until_date", untilDate);
        if (durationMonths != 0)
        {
            if (!string.IsNullOrWhiteSpace(untilDate))
            {
                input.Fail("commitment.duration_months", "give until_date or duration_months, not both");
            }
            else if (durationMonths is < 1 or > 240)
            {
                input.Fail("commitment.duration_months", "must be between 1 and 240");
            }
            else if (from is { } start)
            {
                // Twelve months from 1 January end on 31 December.
                until = start.AddMonths(durationMonths).AddDays(-1);
            }
        }

        if (from is { } f && until is { } u && u < f)
        {
            input.Fail("commitment.until_date", "must not be before from_date");
        }

        return (from, until);
    }
}

/// <summary>One line of an address's assistance ledger: help that did not go through a distribution.</summary>
internal sealed class AddressAssistance
{
    public const string Cash = "cash";
    public const string InKind = "in_kind";
    public const string Service = "service";

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string> { [Cash] = Cash, [InKind] = InKind, [Service] = Service };

    public Guid Id { get; set; }

    public Guid AddressId { get; set; }

    public DateOnly OnDate { get; set; }

    public string Kind { get; set; } = Cash;

    public long ValueVnd { get; set; }

    public string? Note { get; set; }
}

/// <summary>One re-review (rà soát) and the due date it set (null when its outcome closed the address).</summary>
internal sealed class AddressReview
{
    public Guid Id { get; set; }

    public Guid AddressId { get; set; }

    public DateOnly ReviewedOn { get; set; }

    public string Outcome { get; set; } = string.Empty;

    public string? Note { get; set; }

    public DateOnly? NextDueOn { get; set; }

    public string RecordedBy { get; set; } = string.Empty;
}
