using System.Text;
using System.Text.Json;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>People figures by sex and by FDRS age band: active members and volunteers at the period's end by their sex
/// and age then, new members and volunteers by their sex and age on the day they joined, people reached and blood donations by what the events carry (events without it count as unknown), a
/// reversal un-counting under the same parts; in the annual report's appendix and in the DHIS2 and HXL exports.</summary>
public sealed class PeopleBreakdownTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Contracts.Reporting.V1.Reporting.ReportingClient Admin => factory.Client(factory.Tokens.ProvinceAdmin);

    [Theory]
    [InlineData("2010-06-15", "2016-06-14", "0-5")]
    [InlineData("2010-06-15", "2016-06-15", "6-12")]
    [InlineData("2003-06-15", "2016-06-14", "6-12")]
    [InlineData("2003-06-15", "2016-06-15", "13-17")]
    [InlineData("1998-06-15", "2016-06-15", "18-29")]
    [InlineData("1986-06-15", "2016-06-14", "18-29")]
    [InlineData("1986-06-15", "2016-06-15", "30-39")]
    [InlineData("1937-06-15", "2016-06-14", "70-79")]
    [InlineData("1936-06-15", "2016-06-15", "80+")]
    [InlineData("2016-07-01", "2016-06-15", "0-5")]
    public void The_age_band_is_the_one_of_whole_years_of_age_on_the_day(string birth, string on, string band) =>
        Assert.Equal(band, PersonBands.AgeBandAt(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task People_figures_are_broken_down_by_sex_and_age_band_in_the_indicators_the_report_and_the_exports()
    {
        await factory.EnsureTree();
        var birth = new DateOnly(1990, 6, 1);
        // Joined a day before turning 26 (18-29), a volunteer; the other joined at 16 (13-17).
        await factory.Publish(new MemberRegistered(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), new DateOnly(2016, 5, 31), birth, "female", true));
        await factory.Publish(new MemberRegistered(Guid.NewGuid(), Now, "01837", Guid.NewGuid(), new DateOnly(2016, 1, 1), new DateOnly(1999, 6, 1), "male", false));
        // A gift to a woman of 80+, then reversed; a gift recorded before events carried sex and age; one to a man of 30-39.
        var reversed = Gift("01834", "female", "80+");
        await factory.Publish(reversed);
        await factory.Publish(new DistributionReversed(Guid.NewGuid(), Now, reversed.OrgUnitCode, reversed.DistributionId, reversed.BeneficiaryId, reversed.Kind,
            reversed.ValueVnd, reversed.SourceKind, null, reversed.SponsorId, null, reversed.HandedOverOn, "female", "80+"));
        await factory.Publish(Gift("01834", null, null));
        await factory.Publish(Gift("01837", "male", "30-39"));
        // The same woman gives twice (two donations, one donor); another donor before events carried sex and age.
        var donor = Guid.NewGuid();
        await factory.Publish(new BloodDonationRecorded(Guid.NewGuid(), Now, "01852", Guid.NewGuid(), donor, null, "whole_blood", 350, new DateOnly(2016, 3, 1), 1, "female", "18-29"));
        await factory.Publish(new BloodDonationRecorded(Guid.NewGuid(), Now, "01852", Guid.NewGuid(), donor, null, "whole_blood", 350, new DateOnly(2016, 7, 1), 2, "female", "18-29"));
        await factory.Publish(new BloodDonationRecorded(Guid.NewGuid(), Now, "01852", Guid.NewGuid(), Guid.NewGuid(), null, "whole_blood", 350, new DateOnly(2016, 3, 2), 1));

        var values = await Eventually.Until(() => Indicators("058", "2016"),
            v => v.GetValueOrDefault("campaign.blood.donations") == 3 && v.GetValueOrDefault("relief.beneficiaries.reached") == 2
                && v.GetValueOrDefault("membership.members.new") == 2, what: "the 2016 figures of 058");

        Assert.Equal(1, values["membership.volunteers.new"]);
        // At the year's end: the woman is 26 (18-29) and volunteers, the man 17 (13-17).
        Assert.Equal((2L, 1L), (values["membership.members.active"], values["membership.volunteers.active"]));
        Assert.Equal((1L, 1L, 1L, 1L), (values["membership.members.active.sex.female"], values["membership.members.active.sex.male"],
            values["membership.members.active.age.18_29"], values["membership.members.active.age.13_17"]));
        Assert.Equal((1L, 1L, 0L), (values["membership.volunteers.active.sex.female"], values["membership.volunteers.active.age.18_29"],
            values["membership.volunteers.active.age.13_17"]));
        Assert.Equal((1L, 1L, 0L), (values["membership.members.new.sex.female"], values["membership.members.new.sex.male"], values["membership.members.new.sex.other_unknown"]));
        Assert.Equal((1L, 1L), (values["membership.members.new.age.18_29"], values["membership.members.new.age.13_17"]));
        Assert.Equal((1L, 1L), (values["membership.volunteers.new.sex.female"], values["membership.volunteers.new.age.18_29"]));
        Assert.Equal((0L, 1L, 1L), (values["relief.beneficiaries.reached.sex.female"], values["relief.beneficiaries.reached.sex.male"],
            values["relief.beneficiaries.reached.sex.other_unknown"]));
        Assert.Equal((0L, 1L, 1L), (values["relief.beneficiaries.reached.age.80_plus"], values["relief.beneficiaries.reached.age.30_39"],
            values["relief.beneficiaries.reached.age.unknown"]));
        Assert.Equal((2L, 1L, 2L, 1L), (values["campaign.blood.donations.sex.female"], values["campaign.blood.donations.sex.other_unknown"],
            values["campaign.blood.donations.age.18_29"], values["campaign.blood.donations.age.unknown"]));
        Assert.Equal((2L, 1L, 1L, 1L, 1L), (values["campaign.blood.donors"], values["campaign.blood.donors.sex.female"], values["campaign.blood.donors.sex.other_unknown"],
            values["campaign.blood.donors.age.18_29"], values["campaign.blood.donors.age.unknown"]));
        // A donor is counted once in each period given in: both in the first half, the one who gave again in the second.
        Assert.Equal((2L, 1L), ((await Indicators("058", "2016-H1"))["campaign.blood.donors"], (await Indicators("058", "2016-H2"))["campaign.blood.donors"]));
        // Each breakdown sums to its figure.
        foreach (var figure in new[] { "membership.members.active", "membership.volunteers.active", "membership.members.new", "membership.volunteers.new",
            "relief.beneficiaries.reached", "campaign.blood.donors", "campaign.blood.donations" })
        {
            Assert.Equal(values[figure], values.Where(v => v.Key.StartsWith(figure + ".sex.", StringComparison.Ordinal)).Sum(v => v.Value));
            Assert.Equal(values[figure], values.Where(v => v.Key.StartsWith(figure + ".age.", StringComparison.Ordinal)).Sum(v => v.Value));
        }

        // The report: a table of the parts after the appendix, which itself keeps to the figures.
        var markdown = Encoding.UTF8.GetString((await Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2016, Format = "md" })).Data.ToByteArray());
        var table = RenderedDocuments.MarkdownTable(markdown, "Giới tính, nhóm tuổi");
        Assert.Equal(["Giới tính, nhóm tuổi", "Hội viên (cuối kỳ)", "Tình nguyện viên (cuối kỳ)", "Hội viên mới", "Tình nguyện viên mới",
            "Lượt được trợ giúp", "Người hiến máu", "Lượt hiến máu"], table[0]);
        Assert.Contains(["Nữ", "1", "1", "1", "1", "0", "1", "2"], table);
        Assert.Contains(["Khác hoặc không rõ", "0", "0", "0", "0", "1", "1", "1"], table);
        Assert.Contains(["13-17 tuổi", "1", "0", "1", "0", "0", "0", "0"], table);
        Assert.Contains(["18-29 tuổi", "1", "1", "1", "1", "0", "1", "2"], table);
        Assert.Contains(["Không rõ tuổi", "0", "0", "0", "0", "1", "1", "1"], table);
        Assert.Equal(3 + 11, table.Count - 1);
        Assert.DoesNotContain(RenderedDocuments.MarkdownTable(markdown, "STT"), row => row[1].Contains(" - Nữ", StringComparison.Ordinal));

        // DHIS2: each breakdown a data element of its own with the sex or band as its category option combo.
        using var set = JsonDocument.Parse((await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "2016", Format = "dhis2" })).Data.ToByteArray());
        var dhis2 = set.RootElement.GetProperty("dataValues").EnumerateArray()
            .Where(v => v.TryGetProperty("categoryOptionCombo", out _))
            .Select(v => (v.GetProperty("dataElement").GetString(), v.GetProperty("categoryOptionCombo").GetString(), v.GetProperty("orgUnit").GetString(), v.GetProperty("value").GetString()))
            .ToList();
        Assert.Contains(("campaign.blood.donations.sex", "rc.sex.female", "01852", "2"), dhis2);
        Assert.Contains(("campaign.blood.donors.sex", "rc.sex.female", "01852", "1"), dhis2);
        Assert.Contains(("relief.beneficiaries.reached.age", "rc.age.30_39", "01837", "1"), dhis2);
        Assert.Contains(("membership.members.new.age", "rc.age.13_17", "01837", "1"), dhis2);
        Assert.Contains(("membership.members.active.age", "rc.age.13_17", "01837", "1"), dhis2);
        Assert.Contains(("membership.volunteers.active.sex", "rc.sex.female", "01834", "1"), dhis2);

        // HXL: the women and the men among the people reached.
        var hxl = RenderedDocuments.CsvRecords(Encoding.UTF8.GetString((await Admin.ExportIndicatorsAsync(
            new ExportIndicatorsRequest { OrgUnit = "058", Period = "2016", Format = "hxl" })).Data.ToByteArray()).TrimStart('\uFEFF'));
        var tags = hxl[1].ToList();
        var relief = hxl.Single(r => r[tags.IndexOf("#org+code")] == "01837" && r[tags.IndexOf("#sector")] == "Relief");
        Assert.Equal(("1", "0", "1"), (relief[tags.IndexOf("#reached")], relief[tags.IndexOf("#reached+f")], relief[tags.IndexOf("#reached+m")]));
    }

    private static DistributionRecorded Gift(string unit, string? sex, string? band) =>
        new(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "cash", 100_000, "sponsor_direct", null, Guid.NewGuid(), null, new DateOnly(2016, 4, 1), sex, band);

    private async Task<Dictionary<string, long>> Indicators(string unit, string period) =>
        (await Admin.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period })).Indicators.ToDictionary(i => i.Code, i => i.Value);
}
