using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>The rules a dues payment must pass for its year: only an active member pays, an exempt member does
/// not, and a year holds at most twelve paid months. Checked inside the write transaction that inserts the payment,
/// so two payments recorded at once cannot together pay more than twelve months.</summary>
internal static class DuesYear
{
    public const int MonthsInYear = 12;

    public const string NotActive = "MEMBER_NOT_ACTIVE";

    public const string Exempt = "MEMBER_EXEMPT";

    public const string AlreadyPaid = "DUES_ALREADY_PAID";

    public const string NoRate = "NO_DUES_RATE";

    public static void EnsureCanPay(MemberStatus status, bool exempt, int paidMonths, int months, int year)
    {
        if (status != MemberStatus.Active)
        {
            throw new RuleViolationException(NotActive, "Dues are paid by active members only.");
        }

        if (exempt)
        {
            throw new RuleViolationException(Exempt, $"The member is exempt from dues for {year}.");
        }

        if (paidMonths + months > MonthsInYear)
        {
            throw new RuleViolationException(AlreadyPaid, $"{paidMonths} of {MonthsInYear} months of {year} are paid already.");
        }
    }

    /// <summary>The payment of <paramref name="months"/> months of <paramref name="year"/> by <paramref name="member"/>, at the
    /// rate in force that year and split between the levels, once the year's rules allow it.</summary>
    public static DuesPayment Pay(Member member, int year, int months, DateOnly paidOn, DuesYearSoFar soFar, DuesRules rules)
    {
        EnsureCanPay(member.Status, soFar.Exempt, soFar.PaidMonths, months, year);
        var rate = rules.MonthlyRate(year) ?? throw new RuleViolationException(NoRate, $"No dues rate is in force for {year}.");
        var (branch, commune, upper) = rules.Split(rate * months);
        return new DuesPayment
        {
            Id = Guid.CreateVersion7(),
            MemberId = member.Id,
            OrgUnitCode = member.OrgUnitCode,
            Year = year,
            Months = months,
            AmountVnd = rate * months,
            BranchShareVnd = branch,
            CommuneShareVnd = commune,
            UpperShareVnd = upper,
            PaidOn = paidOn,
        };
    }
}

/// <summary>What a member's dues year holds already: a standing exemption, and the months paid (voided payments left out).</summary>
internal sealed record DuesYearSoFar(bool Exempt, int PaidMonths);
