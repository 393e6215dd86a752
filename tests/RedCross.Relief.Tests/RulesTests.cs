using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>Every rule reason of relief's domain, each refused by its domain method with no host, database or clock.</summary>
public sealed class RulesTests
{
    private static readonly DateOnly Day = new(2024, 6, 1);

    [Fact]
    public void A_distribution_is_reversed_once()
    {
        var distribution = new Distribution { Id = Guid.NewGuid() };
        distribution.Reverse("officer", DateTimeOffset.UnixEpoch, "recorded twice");
        Refused(Distribution.AlreadyReversed, () => distribution.Reverse("officer", DateTimeOffset.UnixEpoch, "again"));
    }

    [Fact]
    public void A_donation_gives_its_own_kind_up_to_its_value()
    {
        var cash = new Donation { Id = Guid.NewGuid(), Kind = Donation.Cash, ValueVnd = 1_000_000 };
        Refused(DonationBalance.KindMismatch, () => DonationBalance.EnsureKindMatches(cash, Distribution.Goods));
        DonationBalance.EnsureCovers(cash, 600_000, 400_000);
        Refused(DonationBalance.Exceeded, () => DonationBalance.EnsureCovers(cash, 600_000, 400_001));
    }

    [Fact]
    public void Only_an_inactive_beneficiary_is_anonymised_and_only_once()
    {
        var beneficiary = new Beneficiary { Id = Guid.NewGuid(), FullName = "Nguyễn Văn A", Status = "active" };
        Refused(Beneficiary.StillActive, () => beneficiary.Anonymise(DateTimeOffset.UnixEpoch));
        beneficiary.Status = "inactive";
        beneficiary.Anonymise(DateTimeOffset.UnixEpoch);
        Refused(Beneficiary.AlreadyAnonymised, () => beneficiary.Anonymise(DateTimeOffset.UnixEpoch));
        Refused(Beneficiary.AlreadyAnonymised, beneficiary.EnsureNotAnonymised);
    }

    [Fact]
    public void An_address_takes_beneficiaries_of_its_subtree_and_nothing_once_closed()
    {
        var beneficiary = new Beneficiary { Id = Guid.NewGuid(), OrgUnitCode = "01852", OrgUnitPath = "06/058/01852" };
        HumanitarianAddress.EnsureBeneficiaryWithin(beneficiary, "058", "06/058");
        Refused(HumanitarianAddress.BeneficiaryOutsideUnit, () => HumanitarianAddress.EnsureBeneficiaryWithin(beneficiary, "01855", "06/058/01855"));
        var closed = new HumanitarianAddress { Id = Guid.NewGuid(), Status = HumanitarianAddress.Closed };
        Refused(AddressReviewSchedule.AddressClosed, () => AddressReviewSchedule.EnsureOpen(closed));
    }

    [Fact]
    public void A_calf_is_born_to_a_held_female_after_the_household_got_her_in_birth_order()
    {
        Refused(LivestockAnimal.MotherNotFemale, () => Animal(sex: LivestockSexes.Male).EnsureCanCalve(Day, laterCalfRecorded: false));
        Refused(LivestockHandover.NotHeld, () => Animal(status: LivestockStatuses.Sold).EnsureCanCalve(Day, laterCalfRecorded: false));
        Refused(LivestockAnimal.BirthBeforeHolding, () => Animal().EnsureCanCalve(Day.AddDays(-1), laterCalfRecorded: false));
        Refused(LivestockAnimal.BirthOutOfOrder, () => Animal().EnsureCanCalve(Day, laterCalfRecorded: true));
        Animal().EnsureCanCalve(Day, laterCalfRecorded: false);
    }

    [Fact]
    public void An_animal_ends_once_on_a_day_it_was_held_and_an_owed_calf_is_not_sold()
    {
        Refused(LivestockHandover.NotHeld, () => Animal(status: LivestockStatuses.Died).End(LivestockStatuses.Sold, Day, null));
        Refused(LivestockAnimal.OutcomeBeforeHolding, () => Animal().End(LivestockStatuses.Died, Day.AddDays(-1), null));
        var owed = new HandoverObligation { Id = Guid.NewGuid() };
        Refused(LivestockHandover.CalfOwed, () => Animal().End(LivestockStatuses.Sold, Day, owed));

        var calf = Animal();
        calf.End(LivestockStatuses.Died, Day, owed);
        Assert.Equal((LivestockStatuses.Died, HandoverObligation.Cancelled), (calf.Status, owed.State));
    }

    [Fact]
    public void A_pass_on_meets_the_programmes_hand_back_rule()
    {
        var programme = new LivestockProgramme { Id = Guid.NewGuid(), OrgUnitPath = "06/058", RequiredSex = LivestockSexes.Female, HandoverMinAgeMonths = 6 };
        var holder = Guid.NewGuid();
        var next = new Beneficiary { Id = Guid.NewGuid(), OrgUnitPath = "06/058/01852" };
        var open = new HandoverObligation { Id = Guid.NewGuid(), EarliestOn = Day };
        LivestockAnimal Calf(string sex = LivestockSexes.Female, string status = LivestockStatuses.Calved) => Animal(sex, status, holder);

        Refused(LivestockHandover.NotHeld, () => LivestockHandover.EnsureCanPassOn(programme, Calf(status: LivestockStatuses.Sold), open, next, Day));
        Refused(LivestockHandover.SexMismatch, () => LivestockHandover.EnsureCanPassOn(programme, Calf(sex: LivestockSexes.Male), open, next, Day));
        Refused(LivestockHandover.NotOwed, () => LivestockHandover.EnsureCanPassOn(programme, Calf(), null, next, Day));
        Refused(LivestockHandover.RecipientIsHolder, () => LivestockHandover.EnsureCanPassOn(programme, Calf(), open, new Beneficiary { Id = holder }, Day));
        Refused(LivestockHandover.RecipientOutside, () => LivestockHandover.EnsureCanPassOn(programme, Calf(), open, new Beneficiary { Id = Guid.NewGuid(), OrgUnitPath = "06/0581" }, Day));
        Refused(LivestockHandover.TooYoung, () => LivestockHandover.EnsureCanPassOn(programme, Calf(), open, next, Day.AddDays(-1)));
        LivestockHandover.EnsureCanPassOn(programme, Calf(), open, next, Day);
    }

    [Fact]
    public void An_update_is_published_only_when_a_counted_field_changes()
    {
        var b = Draft("0912345678", 4)!.ToBeneficiary(Guid.NewGuid(), "06/058/01834");
        b.Status = "active";
        Assert.False(b.Update(Draft("0987654321", 4)!, "06/058/01834", "active"));
        Assert.Equal("0987654321", b.Phone);
        Assert.True(b.Update(Draft("0987654321", 5)!, "06/058/01834", "active"));
        Assert.True(b.Update(Draft("0987654321", 5)!, "06/058/01834", "inactive"));
    }

    private static BeneficiaryDraft? Draft(string phone, int householdSize)
    {
        var input = new Input(Day);
        var draft = BeneficiaryDraft.Check(input, BeneficiaryKinds.Household, "Nguyễn Văn An", "1960-03-02", "male", "", phone, "Thôn 3",
            householdSize, ["poor"], "01834", "2024-05-01");
        input.ThrowIfInvalid();
        return draft;
    }

    private static LivestockAnimal Animal(string sex = LivestockSexes.Female, string status = LivestockStatuses.Given, Guid? holder = null) =>
        new() { Id = Guid.NewGuid(), Sex = sex, Status = status, HeldSince = Day, HolderBeneficiaryId = holder ?? Guid.NewGuid(), OrgUnitPath = "06/058/01852" };

    private static void Refused(string reason, Action act) =>
        Assert.Equal(reason, Assert.Throws<RuleViolationException>(act).Reason);
}
