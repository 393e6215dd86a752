using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>The deployment's review interval (Relief:AddressReviewInterval, whole months).</summary>
internal sealed record AddressReviewPolicy(int IntervalMonths)
{
    public const string Setting = "Relief:AddressReviewInterval";
    public const int DefaultMonths = 12;

    public static AddressReviewPolicy Of(int months) => months is >= 1 and <= 120 ? new(months)
        : throw new InvalidOperationException($"{Setting} must be a whole number of months between 1 and 120; it is {months}.");
}

/// <summary>The re-review rule of humanitarian addresses: a review is due an interval after the address was opened or
/// last reviewed; an address open on a day whose due date in force is before that day is overdue; left and deceased
/// close it; a closed address takes no more writes.</summary>
internal static class AddressReviewSchedule
{
    public const string AddressClosed = "ADDRESS_CLOSED";
    public const string StillEligible = "still_eligible";
    public const string Improved = "improved";
    public const string Left = "left";
    public const string Deceased = "deceased";

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        [StillEligible] = StillEligible, [Improved] = Improved, [Left] = Left, [Deceased] = Deceased,
    };

    public static readonly IReadOnlyDictionary<string, string> CloseReasons = new Dictionary<string, string>
    {
        [Left] = Left, [Deceased] = Deceased, ["no_longer_eligible"] = "no_longer_eligible", ["duplicate"] = "duplicate", ["other"] = "other",
    };

    public static DateOnly DueAfter(DateOnly from, int intervalMonths) => from.AddMonths(intervalMonths);

    public static bool IsOverdue(DateOnly dueOn, DateOnly asOf) => dueOn < asOf;

    public static void EnsureOpen(HumanitarianAddress address)
    {
        if (address.Status == HumanitarianAddress.Closed)
        {
            throw new RuleViolationException(AddressClosed, $"Humanitarian address {address.Id} was closed on {address.ClosedOn:yyyy-MM-dd}; it takes no more reviews, commitments, assistance or distributions.");
        }
    }

    /// <summary>A review, or a closing, is dated on or after the opening and the last review (reviews are a sequence).</summary>
    public static void EnsureInSequence(HumanitarianAddress address, DateOnly on, string field)
    {
        var earliest = address.LastReviewedOn is { } last && last > address.OpenedOn ? last : address.OpenedOn;
        if (on < earliest)
        {
            throw new ValidationFailedException(field, $"must not be before {earliest:yyyy-MM-dd} (the address's opening or last review)");
        }
    }

    public static AddressReview Review(HumanitarianAddress address, Guid id, DateOnly on, string outcome, string? note, string by)
    {
        EnsureOpen(address);
        EnsureInSequence(address, on, "review.reviewed_on");
        var closes = outcome is Left or Deceased;
        var review = new AddressReview
        {
            Id = id, AddressId = address.Id, ReviewedOn = on, Outcome = outcome, Note = note, RecordedBy = by,
            NextDueOn = closes ? null : DueAfter(on, address.ReviewIntervalMonths),
        };
        address.LastReviewedOn = on;
        address.DueOn = review.NextDueOn;
        if (closes)
        {
            Close(address, on, outcome, note);
        }

        return review;
    }

    public static void Close(HumanitarianAddress address, DateOnly on, string reason, string? note)
    {
        EnsureOpen(address);
        (address.Status, address.ClosedOn, address.CloseReason, address.CloseNote, address.DueOn) = (HumanitarianAddress.Closed, on, reason, note, null);
    }
}
