using System.Text;
using System.Text.Json;
using Google.Api;
using RedCross.Contracts.Events.Awards;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Reports;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The DHIS2 and HXL exports on a host of their own. 058 (admin area 058, in province 06) trains 40 people itself;
/// its communes hand over gifts; commune CX1 (Red Cross code CX1, admin area 01840) gives two cows, and its branch CH03
/// (no admin area of its own) a gift; the school bloc SCH (no admin area) a gift; commendations by two kinds of issuer;
/// health visits of two kinds and communication sessions; members and targets in 058 and 01834; OLD, closed mid-2014, a gift in 2014.</summary>
public sealed class IndicatorExportTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool seeded;

    private Contracts.Reporting.V1.Reporting.ReportingClient Admin => factory.Client(factory.Tokens.ProvinceAdmin);

    private readonly record struct Value(string DataElement, string? Combo, string OrgUnit, long Amount);

    private async Task Seed()
    {
        await SeedGate.WaitAsync();
        try
        {
            if (seeded)
            {
                return;
            }

            await factory.EnsureTree();
            await factory.Publish(new OrgUnitChanged(Guid.NewGuid(), Now.AddMinutes(1), "06", "Hội Chữ thập đỏ tỉnh Bắc Kạn", "province", null, "06", "06", new DateOnly(1997, 1, 1), null, []));
            await factory.Publish(new OrgUnitChanged(Guid.NewGuid(), Now.AddMinutes(1), "058", "Hội Chữ thập đỏ thị xã Bắc Kạn", "district", "06", "06/058", "058", new DateOnly(1997, 1, 1), null, []));
            await factory.Publish(new OrgUnitCreated(Guid.NewGuid(), Now, "CX1", "Hội Chữ thập đỏ xã Đức Xuân", "commune", "058", "06/058/CX1", "01840", new DateOnly(1997, 1, 1), null, []));
            await factory.Publish(new OrgUnitCreated(Guid.NewGuid(), Now, "CH03", "Chi hội thôn 3", "branch", "CX1", "06/058/CX1/CH03", null, new DateOnly(2013, 3, 1), null, []));
            await factory.Publish(new OrgUnitCreated(Guid.NewGuid(), Now, "SCH", "Hội Chữ thập đỏ khối trường học", "commune", "058", "06/058/SCH", null, new DateOnly(1997, 1, 1), null, []));

            await factory.Publish(new TrainingHeld(Guid.NewGuid(), Now, "058", Guid.NewGuid(), "Sơ cấp cứu", new DateOnly(2013, 4, 10), new DateOnly(2013, 4, 11), 40));
            await factory.Publish(Gift("01834", 1_000_000, new DateOnly(2013, 6, 1)));
            await factory.Publish(Gift("CX1", 500_000, new DateOnly(2013, 7, 1)));
            await factory.Publish(Gift("CH03", 300_000, new DateOnly(2013, 8, 1)));
            await factory.Publish(Gift("SCH", 200_000, new DateOnly(2013, 9, 1)));
            await factory.Publish(Gift("OLD", 100_000, new DateOnly(2014, 2, 1)));
            foreach (var day in new[] { new DateOnly(2013, 5, 1), new DateOnly(2013, 10, 1) })
            {
                await factory.Publish(new LivestockGiven(Guid.NewGuid(), Now, "CX1", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "cow", "female", 15_000_000, day));
            }

            await factory.Publish(new CommendationApproved(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), "058-HDTDKT", "district_emulation_council", "058",
                "certificate_of_merit", "member", "society_work", 2013, new DateOnly(2013, 12, 20), 500_000));
            await factory.Publish(new CommendationApproved(Guid.NewGuid(), Now, "058", Guid.NewGuid(), "06-UBND", "provincial_peoples_committee", "06",
                "diploma_of_merit", "org_unit", "society_work", 2013, new DateOnly(2013, 12, 22), 2_000_000));
            var campaign = Guid.NewGuid();
            await factory.Publish(new CampaignOpened(Guid.NewGuid(), Now, "01852", campaign, "health_check", new DateOnly(2013, 6, 1), new DateOnly(2013, 6, 30), new DateOnly(2013, 5, 20)));
            await factory.Publish(new CampaignResultRecorded(Guid.NewGuid(), Now, "01852", campaign, Guid.NewGuid(), "health_check", new DateOnly(2013, 6, 15), 30, 10, 5, 2, 0));
            foreach (var unit in new[] { "058", "01834", "01834" })
            {
                await factory.Publish(new MemberRegistered(Guid.NewGuid(), Now, unit, Guid.NewGuid(), new DateOnly(2013, 3, 1), new DateOnly(1980, 1, 1), "female", false));
            }

            await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "058", 2013, 40));
            await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "01834", 2013, 5));

            await Eventually.Until(() => Subtree("058", "2013"), v => v.GetValueOrDefault("relief.activity_value_vnd") == 32_000_000
                && v.GetValueOrDefault("membership.members.active") == 3 && v.GetValueOrDefault("awards.cash_vnd") == 2_500_000
                && v.GetValueOrDefault("campaign.health.visits") == 15 && v.GetValueOrDefault("campaign.health.communication_sessions") == 2 && v.GetValueOrDefault("membership.trainings.participants") == 40
                && v.GetValueOrDefault("relief.livestock.given") == 2 && v.GetValueOrDefault("membership.members.growth_target") == 40, what: "058's 2013 figures");
            await Eventually.Until(() => Subtree("058", "2014"), v => v.GetValueOrDefault("relief.activity_value_vnd") == 100_000, what: "OLD's 2014 gift");
            await Eventually.Until(async () => (await Hxl("058", "2013")).Any(r => r[1] == "CX1" && r[4] == "01840"), found => found, what: "CX1's admin area");
            seeded = true;
        }
        finally
        {
            SeedGate.Release();
        }
    }

    [Fact]
    public async Task A_district_export_is_the_union_of_its_own_values_and_its_communes_exports_none_counted_twice()
    {
        await Seed();
        var district = await Dhis2("058", "2013");
        Assert.Equal(district.Count, district.Select(v => (v.DataElement, v.Combo, v.OrgUnit)).Distinct().Count());
        // 058's own values are its own records: the training, its commendation, its member and target; never its communes' gifts.
        var own = district.Where(v => v.OrgUnit == "058").ToList();
        Assert.Contains(new Value("membership.trainings.participants", null, "058", 40), own);
        Assert.Contains(new Value("membership.members.growth_target", null, "058", 40), own);
        // Zero where a unit has other figures: a figure corrected to zero overwrites what DHIS2 was sent before.
        Assert.Contains(new Value("relief.activity_value_vnd", null, "058", 0), own);

        var children = new List<Value>();
        foreach (var commune in new[] { "01834", "01837", "01852", "CX1", "SCH", "OLD" })
        {
            children.AddRange(await Dhis2(commune, "2013"));
        }

        Assert.Equal(district.Except(own).OrderBy(v => v.ToString()), children.OrderBy(v => v.ToString()));
        Assert.Contains(new Value("relief.activity_value_vnd", null, "CH03", 300_000), children);

        var province = await Dhis2("06", "2013");
        var provinceOwn = province.Where(v => v.OrgUnit == "06");
        Assert.Equal(province.OrderBy(v => v.ToString()), provinceOwn.Concat(district).Concat(await Dhis2("060", "2013")).OrderBy(v => v.ToString()));
    }

    [Fact]
    public async Task Summed_over_the_units_each_figure_is_the_subtree_figure_and_the_breakdowns_are_category_option_combos()
    {
        await Seed();
        var values = await Dhis2("058", "2013");
        var subtree = await Subtree("058", "2013");
        foreach (var (code, target) in Dhis2Mapping.Targets.Where(t => t.Key != "membership.members.growth_target"))
        {
            Assert.True(subtree[code] == values.Where(v => v.DataElement == target.DataElement && v.Combo == target.CategoryOptionCombo).Sum(v => v.Amount), code);
        }

        // Visits are examinations and consultations; communication sessions are a data element of their own.
        Assert.Equal(15, values.Where(v => v.DataElement == "campaign.health.visits").Sum(v => v.Amount));
        Assert.Equal(2, values.Where(v => v.DataElement == "campaign.health.communication_sessions").Sum(v => v.Amount));
        Assert.Equal(
            [("rc.health_visit.consultation", 5L), ("rc.health_visit.examination", 10L)],
            values.Where(v => v.DataElement == "campaign.health.visits" && v.Amount != 0).Select(v => (v.Combo, v.Amount)).OrderBy(v => v.Combo).ToArray());
        Assert.Contains(new Value("awards.cash_vnd", "rc.issuer.provincial_peoples_committee", "058", 2_000_000), values);
        Assert.Contains(new Value("awards.commendations.individual", "rc.issuer.district_emulation_council", "01834", 1), values);
        // A breakdown's total is not sent beside its combos, and no code exceeds DHIS2's limit.
        Assert.DoesNotContain(values, v => v.DataElement == "campaign.health.visits" && v.Combo is null);
        Assert.All(values, v => Assert.InRange(v.DataElement.Length, 1, Dhis2Mapping.MaxCodeLength));

        using var quarter = JsonDocument.Parse((await Export("058", "2013-Q2", "dhis2")).Data.ToByteArray());
        Assert.Equal("2013Q2", quarter.RootElement.GetProperty("period").GetString());
        Assert.All(quarter.RootElement.GetProperty("dataValues").EnumerateArray(), v => Assert.Equal("2013Q2", v.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task The_metadata_package_defines_every_code_the_data_refers_to()
    {
        await Seed();
        var body = await Export("06", "2013", "dhis2-metadata");
        Assert.StartsWith("application/json", body.ContentType, StringComparison.Ordinal);
        using var package = JsonDocument.Parse(body.Data.ToByteArray());
        var root = package.RootElement;
        Dictionary<string, JsonElement> ById(string type) => root.GetProperty(type).EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        var elements = ById("dataElements");
        var combos = ById("categoryOptionCombos");
        var units = ById("organisationUnits");
        var categoryCombos = ById("categoryCombos");

        var ids = root.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z][a-zA-Z0-9]{10}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var codes = root.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetProperty("code").GetString()!).ToList();
        Assert.All(codes, code => Assert.InRange(code.Length, 1, Dhis2Mapping.MaxCodeLength));
        Assert.All(root.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Where(e => e.TryGetProperty("shortName", out _)),
            e => Assert.InRange(e.GetProperty("shortName").GetString()!.Length, 1, Dhis2Mapping.MaxCodeLength));

        var elementCodes = elements.Values.ToDictionary(e => e.GetProperty("code").GetString()!);
        var comboCodes = combos.Values.ToDictionary(e => e.GetProperty("code").GetString()!);
        var unitCodes = units.Values.Select(e => e.GetProperty("code").GetString()!).ToHashSet();
        foreach (var value in await Dhis2("06", "2013"))
        {
            Assert.True(elementCodes.ContainsKey(value.DataElement), value.DataElement);
            Assert.Contains(value.OrgUnit, unitCodes);
            var element = elementCodes[value.DataElement];
            if (value.Combo is { } combo)
            {
                // The combo belongs to the data element's category combo.
                Assert.True(comboCodes.ContainsKey(combo), combo);
                Assert.Equal(element.GetProperty("categoryCombo").GetProperty("id").GetString(), comboCodes[combo].GetProperty("categoryCombo").GetProperty("id").GetString());
            }
            else
            {
                Assert.False(element.TryGetProperty("categoryCombo", out _), value.DataElement);
            }
        }

        // Every reference inside the package points into it.
        foreach (var e in elements.Values.Where(e => e.TryGetProperty("categoryCombo", out _)))
        {
            Assert.Contains(e.GetProperty("categoryCombo").GetProperty("id").GetString()!, categoryCombos.Keys);
        }

        Assert.Equal("LAST", elementCodes["membership.members.active"].GetProperty("aggregationType").GetString());
        Assert.Equal("LAST", elementCodes["relief.addresses.active"].GetProperty("aggregationType").GetString());
        Assert.Equal("SUM", elementCodes["relief.activity_value_vnd"].GetProperty("aggregationType").GetString());
        Assert.All(elements.Values, e => Assert.Equal("AGGREGATE", e.GetProperty("domainType").GetString()));

        var dataSet = root.GetProperty("dataSets").EnumerateArray().Single();
        Assert.Equal("Yearly", dataSet.GetProperty("periodType").GetString());
        Assert.Equal(elements.Keys.Order(), dataSet.GetProperty("dataSetElements").EnumerateArray().Select(d => d.GetProperty("dataElement").GetProperty("id").GetString()!).Order());

        var byCode = units.Values.ToDictionary(u => u.GetProperty("code").GetString()!);
        Assert.False(byCode["06"].TryGetProperty("parent", out _));
        Assert.Equal(byCode["CX1"].GetProperty("id").GetString(), byCode["CH03"].GetProperty("parent").GetProperty("id").GetString());
        Assert.Equal("Hội Chữ thập đỏ xã Đức Xuân", byCode["CX1"].GetProperty("name").GetString());
        Assert.Equal("2014-06-30", byCode["OLD"].GetProperty("closedDate").GetString());
        Assert.Equal("2013-03-01", byCode["CH03"].GetProperty("openingDate").GetString());

        using var quarterly = JsonDocument.Parse((await Export("058", "2013-Q1", "dhis2-metadata")).Data.ToByteArray());
        Assert.Equal("Quarterly", quarterly.RootElement.GetProperty("dataSets")[0].GetProperty("periodType").GetString());
    }

    [Fact]
    public async Task The_hxl_table_has_a_bom_dates_admin_codes_from_admin_areas_and_outputs_apart_from_people()
    {
        await Seed();
        var body = await Export("058", "2013", "hxl");
        Assert.StartsWith("text/csv", body.ContentType, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body.Data.ToByteArray()[..3]);

        var rows = await Hxl("058", "2013");
        Assert.Equal(["#org", "#org+code", "#adm1+code", "#adm2+code", "#adm3+code", "#sector", "#activity", "#date+start", "#date+end", "#reached", "#reached+f", "#reached+m", "#output", "#value", "#currency"], rows[1]);
        Assert.All(rows, r => Assert.Equal(15, r.Length));
        Assert.Contains(["Hội Chữ thập đỏ xã Đức Xuân", "CX1", "06", "058", "01840", "Livelihoods", "Cow bank: livestock given to households", "2013-01-01", "2013-12-31", "", "", "", "2", "0", ""], rows);
        Assert.Contains(["Hội Chữ thập đỏ xã Đức Xuân", "CX1", "06", "058", "01840", "Relief", "Relief and gifts handed over", "2013-01-01", "2013-12-31", "1", "0", "0", "", "30500000", "VND"], rows);
        // A branch takes its commune's admin area and keeps its own Red Cross code; it opened in March.
        Assert.Contains(["Chi hội thôn 3", "CH03", "06", "058", "01840", "Relief", "Relief and gifts handed over", "2013-03-01", "2013-12-31", "1", "0", "0", "", "300000", "VND"], rows);
        // No admin area: the places are left empty rather than filled with a Red Cross code.
        Assert.Contains(["Hội Chữ thập đỏ khối trường học", "SCH", "06", "058", "", "Relief", "Relief and gifts handed over", "2013-01-01", "2013-12-31", "1", "0", "0", "", "200000", "VND"], rows);
        Assert.Contains(["Hội Chữ thập đỏ thị xã Bắc Kạn", "058", "06", "058", "", "Capacity building", "Red Cross training courses", "2013-01-01", "2013-12-31", "40", "", "", "", "0", ""], rows);

        // A unit closed during the period: its rows end on its last day.
        Assert.Contains(["Hội OLD", "OLD", "06", "058", "", "Relief", "Relief and gifts handed over", "2014-01-01", "2014-06-30", "1", "0", "0", "", "100000", "VND"], await Hxl("058", "2014"));
    }

    private async Task<HttpBody> Export(string unit, string period, string format) =>
        await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = unit, Period = period, Format = format });

    private async Task<List<Value>> Dhis2(string unit, string period)
    {
        using var set = JsonDocument.Parse((await Export(unit, period, "dhis2")).Data.ToByteArray());
        Assert.Equal("CODE", set.RootElement.GetProperty("idScheme").GetString());
        return [.. set.RootElement.GetProperty("dataValues").EnumerateArray().Select(v => new Value(
            v.GetProperty("dataElement").GetString()!,
            v.TryGetProperty("categoryOptionCombo", out var combo) ? combo.GetString() : null,
            v.GetProperty("orgUnit").GetString()!,
            long.Parse(v.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private async Task<List<string[]>> Hxl(string unit, string period)
    {
        var text = Encoding.UTF8.GetString((await Export(unit, period, "hxl")).Data.ToByteArray()).TrimStart('\uFEFF');
        return RenderedDocuments.CsvRecords(text);
    }

    private async Task<Dictionary<string, long>> Subtree(string unit, string period) =>
        (await Admin.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period })).Indicators.ToDictionary(i => i.Code, i => i.Value);

    private static DistributionRecorded Gift(string unit, long value, DateOnly on) =>
        new(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "cash", value, "sponsor_direct", null, Guid.NewGuid(), null, on);
}
