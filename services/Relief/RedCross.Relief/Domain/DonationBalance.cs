using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>A donation is never given out beyond what it brought: the distributions from it that stand (not
/// reversed) sum to at most its value. Read and insert under one write lock, so concurrent gifts cannot overdraw it.</summary>
internal static class DonationBalance
{
    public const string Exceeded = "DONATION_BALANCE_EXCEEDED";

    /// <summary>Rule reason: cash is given from cash, goods from goods.</summary>
    public const string KindMismatch = "DONATION_KIND_MISMATCH";

    public static long Remaining(Donation donation, long distributedVnd) => donation.ValueVnd - distributedVnd;

    public static void EnsureCovers(Donation donation, long distributedVnd, long valueVnd)
    {
        var remaining = Remaining(donation, distributedVnd);
        if (valueVnd > remaining)
        {
            throw new RuleViolationException(Exceeded,
                $"Donation {donation.Id} has {remaining} VND left; {valueVnd} VND cannot be given from it.");
        }
    }

    /// <summary>Cash is given from cash, goods from goods received: a valuation is not money in hand.</summary>
    public static void EnsureKindMatches(Donation donation, string distributionKind)
    {
        var expected = donation.Kind == Donation.Cash ? Distribution.Cash : Distribution.Goods;
        if (distributionKind != expected)
        {
            throw new RuleViolationException(KindMismatch,
                $"Donation {donation.Id} was received {donation.Kind}; it can only be given out as {expected}.");
        }
    }
}
