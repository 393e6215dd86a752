using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>The rules a dues payment must pass for its year: only an active member pays, an exempt member does
/// not, and a year holds at most twelve paid months. Checked inside the write transaction that inserts the payment,
/// so two payments recorded at once cannot together pay more than twelve months.</summary>
internal static class DuesYear
{
    public const int MonthsInYear = 12;

    public static void EnsureCanPay(MemberStatus status, bool exempt, int paidMonths, int months, int year)
    {
        if (status != MemberStatus.Active)
        {
            throw new RuleViolationException("MEMBER_NOT_ACTIVE", "Dues are paid by active members only.");
        }

        if (exempt)
        {
            throw new RuleViolationException("MEMBER_EXEMPT", $"The member is exempt from dues for {year}.");
        }

        if (paidMonths + months > MonthsInYear)
        {
            throw new RuleViolationException("DUES_ALREADY_PAID", $"{paidMonths} of {MonthsInYear} months of {year} are paid already.");
        }
    }
}
