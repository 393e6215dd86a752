using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Errors;
using Xunit;

namespace RedCross.Membership.Tests;

public sealed class RulesTests
{
    private static readonly DuesRules Dues = new()
    {
        Rates = [new DuesRate(new DateOnly(2009, 1, 1), 1000), new DuesRate(new DateOnly(2020, 1, 1), 2000)],
        BranchPercent = 50,
        CommunePercent = 30,
        ExemptionCapPercent = 10,
    };

    [Theory]
    [InlineData(0, 10, true)]
    [InlineData(1, 10, false)]
    [InlineData(1, 20, true)]
    [InlineData(2, 20, false)]
    [InlineData(0, 9, false)]
    public void Exemptions_are_capped_at_ten_percent_of_that_years_members(int alreadyExempt, int members, bool allowed)
    {
        var refusal = Record.Exception(() => ExemptionCap.Enforce("01855", 2013, alreadyExempt, members, Dues.ExemptionCapPercent));
        Assert.Equal(allowed, refusal is null);
        Assert.True(allowed || refusal is RuleViolationException { Reason: ExemptionCap.Reached });
    }

    [Fact]
    public void Members_of_a_year_are_those_active_in_the_commune_on_some_day_of_it()
    {
        static Member Joined(string date, string path = "06/058/01855/CH01") =>
            new() { Id = Guid.NewGuid(), JoinedDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), OrgUnitPath = path, Status = MemberStatus.Active };
        var leftIn2013 = Joined("2010-01-01");
        Assert.Null(leftIn2013.ChangeStatus(MemberStatus.Left, new DateOnly(2013, 3, 1), null));
        var leftIn2012 = Joined("2010-01-01");
        Assert.Null(leftIn2012.ChangeStatus(MemberStatus.Left, new DateOnly(2012, 12, 31), null));
        Member[] candidates = [leftIn2013, leftIn2012, Joined("2013-12-31"), Joined("2014-01-01"), Joined("2010-01-01", "06/058/01852")];

        Assert.Equal(2, ExemptionCap.MembersOfYear(candidates, "06/058/01855", 2013));
    }

    [Fact]
    public void A_member_who_moved_counts_that_year_in_both_communes_and_afterwards_only_in_the_new_one()
    {
        var member = new Member { Id = Guid.NewGuid(), JoinedDate = new DateOnly(2010, 1, 1), OrgUnitCode = "01855", OrgUnitPath = "06/058/01855", Status = MemberStatus.Active };
        Assert.Null(member.Transfer(new OrgUnit { Code = "01852", Path = "06/058/01852" }, new DateOnly(2013, 7, 1), null));

        Assert.Equal((1, 1), (ExemptionCap.MembersOfYear([member], "06/058/01855", 2013), ExemptionCap.MembersOfYear([member], "06/058/01852", 2013)));
        Assert.Equal((0, 1), (ExemptionCap.MembersOfYear([member], "06/058/01855", 2014), ExemptionCap.MembersOfYear([member], "06/058/01852", 2014)));
        Assert.Equal(0, ExemptionCap.MembersOfYear([member], "06/058/01852", 2012));
    }

    [Theory]
    [InlineData("active", false, 0, 12, null)]
    [InlineData("active", false, 6, 7, "DUES_ALREADY_PAID")]
    [InlineData("active", true, 0, 1, "MEMBER_EXEMPT")]
    [InlineData("lapsed", false, 0, 1, "MEMBER_NOT_ACTIVE")]
    public void A_year_holds_twelve_paid_months_of_an_active_unexempt_member(string status, bool exempt, int paid, int months, string? refusal)
    {
        var error = Record.Exception(() => DuesYear.EnsureCanPay(MemberStatusRules.ByName[status], exempt, paid, months, 2013));
        Assert.Equal(refusal, (error as RuleViolationException)?.Reason);
    }

    [Fact]
    public void Dues_split_keeps_every_dong()
    {
        var (branch, commune, upper) = Dues.Split(12_001);
        Assert.Equal(6_000, branch);
        Assert.Equal(3_600, commune);
        Assert.Equal(12_001, branch + commune + upper);
    }

    [Fact]
    public void Dues_rate_is_the_one_in_force_at_the_start_of_the_year()
    {
        Assert.Equal(1000, Dues.MonthlyRate(2013));
        Assert.Equal(2000, Dues.MonthlyRate(2021));
        Assert.Null(Dues.MonthlyRate(2005));
    }

    [Fact]
    public void The_shipped_dues_rules_file_is_the_2009_rule()
    {
        var rules = DuesRules.Load(Path.Combine(AppContext.BaseDirectory, "Rules", "dues.json"));
        Assert.Equal(1000, rules.MonthlyRate(2013));
        Assert.Equal((6000L, 3600L, 2400L), rules.Split(12_000));
    }

    [Theory]
    [InlineData("active", "lapsed", null)]
    [InlineData("lapsed", "active", null)]
    [InlineData("left", "active", null)]
    [InlineData("active", "deceased", null)]
    [InlineData("active", "active", "STATUS_UNCHANGED")]
    [InlineData("deceased", "active", "MEMBER_DECEASED")]
    [InlineData("deceased", "left", "MEMBER_DECEASED")]
    public void Status_transitions(string from, string to, string? refusal) =>
        Assert.Equal(refusal, MemberStatusRules.Refusal(MemberStatusRules.ByName[from], MemberStatusRules.ByName[to]));

    [Fact]
    public void A_status_change_cannot_predate_the_last_one()
    {
        var member = new Member { Id = Guid.NewGuid(), JoinedDate = new DateOnly(2013, 1, 1), Status = MemberStatus.Active };
        Assert.Null(member.ChangeStatus(MemberStatus.Lapsed, new DateOnly(2013, 6, 1), null));
        Assert.Equal("EFFECTIVE_DATE_BEFORE_LAST_CHANGE", member.ChangeStatus(MemberStatus.Active, new DateOnly(2013, 5, 1), null));
        Assert.Equal(MemberStatus.Lapsed, member.Status);
        Assert.Single(member.History);
    }

    [Theory]
    [InlineData("001180000123", true)]
    [InlineData("00118000012", false)]
    [InlineData("0011800001234", false)]
    [InlineData("00118000012a", false)]
    [InlineData("", true)]
    public void National_id_is_twelve_digits_when_given(string id, bool valid)
    {
        var input = new Input();
        MemberDraft.CheckNationalId(input, "national_id", id);
        Assert.Equal(valid, input.IsValid);
    }

    [Theory]
    [InlineData("Nguyễn Thị Hoa", "nguyen thi")]
    [InlineData("NGUYỄN THỊ HOA", "nguyen thi hoa")]
    [InlineData("Đặng Văn Đức", "dang van duc")]
    [InlineData("Đặng Văn Đức", "DUC")]
    public void Search_ignores_diacritics_and_case(string name, string query) =>
        Assert.Contains(PersonName.SearchKey(query), PersonName.SearchKey(name), StringComparison.Ordinal);

    [Fact]
    public void Decomposed_and_composed_input_give_the_same_search_key() =>
        Assert.Equal(PersonName.SearchKey("Nguyễn".Normalize(System.Text.NormalizationForm.FormD)), PersonName.SearchKey("Nguyễn"));

    [Fact]
    public void Names_sort_by_given_name_with_vietnamese_collation()
    {
        string[] names = ["Trần Văn Đức", "Nguyễn Thị An", "Lê Văn Dũng", "Phạm Thị Ánh", "Hoàng Văn Bình", "Vũ Thị Ân", "Đỗ Anh"];
        var sorted = names.OrderBy(PersonName.SortKey, StringComparer.Ordinal).ToArray();
        // An, Anh, Ánh, Ân, Bình, Dũng, Đức: Đ after D, tones after the base letter, ă/â after a.
        Assert.Equal(["Nguyễn Thị An", "Đỗ Anh", "Phạm Thị Ánh", "Vũ Thị Ân", "Hoàng Văn Bình", "Lê Văn Dũng", "Trần Văn Đức"], sorted);
    }

    [Fact]
    public void Registration_checks_every_field_at_once()
    {
        var input = new Input(new DateOnly(2026, 11, 29));
        var draft = MemberDraft.Check(input, new string('a', 501), "2999-01-01", "x", "123", "12ab", null, "", "2013-13-01", false);
        Assert.Null(draft);
        Assert.Equal(
            ["full_name", "birth_date", "sex", "national_id", "phone", "org_unit", "joined_date"],
            input.Violations.Select(v => v.Field).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Nguyễn 3")]
    [InlineData("Lê\u0007Văn")]
    public void Bad_names_are_refused(string name)
    {
        var input = new Input();
        Assert.Null(MemberDraft.CheckName(input, "full_name", name));
        Assert.False(input.IsValid);
    }

    [Fact]
    public void Names_are_stored_in_nfc_with_single_spaces()
    {
        var input = new Input();
        var name = MemberDraft.CheckName(input, "full_name", "  Nguyễn   Thị  Hoa ".Normalize(System.Text.NormalizationForm.FormD));
        Assert.Equal("Nguyễn Thị Hoa".Normalize(System.Text.NormalizationForm.FormC), name);
    }

    [Fact]
    public void A_dues_payment_is_priced_at_its_years_rate_and_split()
    {
        var member = new Member { Id = Guid.NewGuid(), OrgUnitCode = "01855", Status = MemberStatus.Active };
        var payment = DuesYear.Pay(member, 2013, 12, new DateOnly(2013, 3, 1), new DuesYearSoFar(false, 0), Dues);
        Assert.Equal((12_000L, 6_000L, 3_600L, 2_400L, "01855"), (payment.AmountVnd, payment.BranchShareVnd, payment.CommuneShareVnd, payment.UpperShareVnd, payment.OrgUnitCode));
        Assert.Equal(DuesYear.NoRate, Refusal(() => DuesYear.Pay(member, 2005, 1, new DateOnly(2005, 3, 1), new DuesYearSoFar(false, 0), Dues)));
        Assert.Equal(DuesYear.AlreadyPaid, Refusal(() => DuesYear.Pay(member, 2013, 7, new DateOnly(2013, 3, 1), new DuesYearSoFar(false, 6), Dues)));
    }

    [Fact]
    public void A_unit_takes_members_and_children_only_on_days_it_exists()
    {
        var unit = new OrgUnit { Code = "01855", Path = "06/058/01855", Level = OrgLevel.Commune, ValidFrom = new DateOnly(2010, 1, 1), ValidTo = new DateOnly(2013, 12, 31) };
        unit.EnsureOpenOn(new DateOnly(2013, 12, 31), "joined_date");
        Assert.Equal(OrgUnit.NotOpen, Refusal(() => unit.EnsureOpenOn(new DateOnly(2014, 1, 1), "joined_date")));
        Assert.Equal(OrgUnit.NotOpen, Refusal(() => unit.EnsureOpenOn(new DateOnly(2009, 12, 31), "joined_date")));
    }

    [Fact]
    public void A_unit_closes_once_and_not_before_its_first_day()
    {
        var unit = new OrgUnit { Code = "01855", ValidFrom = new DateOnly(2010, 1, 1) };
        unit.EnsureCanCloseOn(new DateOnly(2010, 1, 1));
        Assert.Equal("valid_to", Assert.Single(Assert.Throws<ValidationFailedException>(() => unit.EnsureCanCloseOn(new DateOnly(2009, 12, 31))).Violations).Field);
        unit.ValidTo = new DateOnly(2013, 12, 31);
        Assert.Equal(OrgUnit.Closed, Refusal(() => unit.EnsureCanCloseOn(new DateOnly(2014, 1, 1))));
    }

    [Fact]
    public void A_new_unit_sits_below_a_higher_level_under_an_open_parent()
    {
        var district = new OrgUnit { Code = "058", Path = "06/058", Level = OrgLevel.District, ValidFrom = new DateOnly(2000, 1, 1) };
        OrgUnitDraft Draft(OrgLevel level, int year) => new("CH01", "Chi hội 1", level, "058", null, new DateOnly(year, 1, 1), []);

        Assert.Equal("06/058/CH01", Draft(OrgLevel.Branch, 2013).PathUnder(district));
        Assert.Equal("level", Assert.Single(Assert.Throws<ValidationFailedException>(() => Draft(OrgLevel.Province, 2013).PathUnder(district)).Violations).Field);
        Assert.Equal(OrgUnit.NotOpen, Refusal(() => Draft(OrgLevel.Branch, 1999).PathUnder(district)));
    }

    [Theory]
    [InlineData("province", "06", true)]
    [InlineData("district", "058", true)]
    [InlineData("commune", "01855", true)]
    [InlineData("commune", "0185", false)]
    [InlineData("district", "05a", false)]
    [InlineData("branch", "01", false)]
    public void An_admin_area_code_has_the_length_of_its_level(string level, string code, bool fits) =>
        Assert.Equal(fits, OrgLevels.FitsAdminCode(OrgLevels.ByName[level], code));

    [Fact]
    public void A_new_unit_is_checked_field_by_field_at_once()
    {
        var input = new Input(new DateOnly(2026, 11, 29));
        Assert.Null(OrgUnitDraft.Check(input, "bad code!", "", "nope", null, "1", "2013-13-01", []));
        Assert.Equal(["code", "name", "level", "valid_from"], input.Violations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public void Youth_members_are_sixteen_to_thirty_years_old() =>
        Assert.Equal((new DateOnly(1995, 11, 30), new DateOnly(2010, 11, 29)), Youth.BirthDates(new DateOnly(2026, 11, 29)));

    private static string? Refusal(Action act) => (Record.Exception(act) as RuleViolationException)?.Reason;
}
