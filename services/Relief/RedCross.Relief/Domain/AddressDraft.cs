using System.Text.RegularExpressions;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>An address as the caller sent it, checked field by field; every violation is collected.</summary>
internal sealed partial record AddressDraft(
    string OrgUnitCode, Guid? BeneficiaryId, string DisplayName, string? Phone, string? Address, string Situation, string Needs, DateOnly OpenedOn)
{
    private const string Prefix = "humanitarian_address.";

    public static AddressDraft? Check(Input input, string orgUnit, string beneficiaryId, string displayName, string phone, string address,
        string situation, string needs, string openedOn)
    {
        var unit = input.Text(Prefix + "org_unit", orgUnit, 40);
        var beneficiary = input.Id(Prefix + "beneficiary_id", beneficiaryId, required: false);
        var name = input.Text(Prefix + "display_name", displayName, 200);
        var p = input.Text(Prefix + "phone", phone, 15, required: false);
        if (p is not null && !PhonePattern().IsMatch(p))
        {
            input.Fail(Prefix + "phone", "must be 9 to 15 digits, optionally starting with +");
        }

        var a = input.Text(Prefix + "address", address, 500, required: false);
        var s = input.Text(Prefix + "situation", situation, 2000);
        var n = input.Text(Prefix + "needs", needs, 1000);
        var opened = input.NotFuture(Prefix + "opened_on", input.Date(Prefix + "opened_on", openedOn, input.Today));
        if (opened is { Year: < 1990 })
        {
            input.Fail(Prefix + "opened_on", "must be in 1990 or later");
        }

        return input.IsValid ? new AddressDraft(unit!, beneficiary, name!, p, a, s!, n!, opened!.Value) : null;
    }

    public HumanitarianAddress ToAddress(Guid id, string unitPath, AddressReviewPolicy policy)
    {
        var due = AddressReviewSchedule.DueAfter(OpenedOn, policy.IntervalMonths);
        return new HumanitarianAddress
        {
            Id = id,
            OrgUnitCode = OrgUnitCode,
            OrgUnitPath = unitPath,
            BeneficiaryId = BeneficiaryId,
            DisplayName = DisplayName,
            Phone = Phone,
            Address = Address,
            Situation = Situation,
            Needs = Needs,
            OpenedOn = OpenedOn,
            ReviewIntervalMonths = policy.IntervalMonths,
            FirstDueOn = due,
            DueOn = due,
        };
    }

    [GeneratedRegex(@"^\+?[0-9]{9,15}$")]
    private static partial Regex PhonePattern();
}
