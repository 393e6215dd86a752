using RedCross.Contracts.Reporting.V1;
using Xunit;

namespace RedCross.System.Tests.Demo;

/// <summary>The public acceptance scenario: the demo, loaded through the API, gives the 2013 report of Bắc Kạn town
/// (058) the seed's figures F1-F10, the province's report (06) rolls them up, and loading it again changes nothing.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoReportTests(DemoMonolith demo)
{
    private Task<AnnualReport> Report(string unit) =>
        new Reporting.ReportingClient(demo.Channel()).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = 2013 }).ResponseAsync;

    private static long Value(AnnualReport report, string code) => report.Indicators.Single(i => i.Code == code).Value;

    [Fact]
    public async Task The_2013_report_of_058_shows_the_seeds_figures_the_province_rolls_them_up_and_a_second_load_changes_nothing()
    {
        var town = await Report("058");

        Assert.Equal(1, Value(town, "membership.trainings.held"));                                   // F1
        Assert.Equal(352_323_000, Value(town, "relief.activity_value_vnd"));                         // F2
        // F3: examinations and consultations; the communication sessions are meetings, counted apart.
        Assert.Equal(3_126, Value(town, "campaign.health.visits"));
        Assert.Equal(24, Value(town, "campaign.health.communication_sessions"));
        // Both lists were drawn up in 2013, whatever day the demo was loaded.
        Assert.Equal(700, Value(town, "relief.beneficiaries.registered"));
        var viettel = Assert.Single(town.Programmes, p => p.Sponsors.Contains("Viettel Bắc Kạn"));
        Assert.Equal(500, viettel.Beneficiaries);                                                     // F4
        Assert.Equal(150_000_000, viettel.ValueVnd);                                                  // F5
        Assert.Contains("Viettel Bắc Kạn", viettel.Partners);

        var byIssuer = town.Commendations.ToDictionary(c => c.Issuer[..c.Issuer.IndexOf(" (", StringComparison.Ordinal)]);
        var council = byIssuer["Hội đồng Thi đua - Khen thưởng cấp huyện"];                         // F6
        Assert.Equal((2, 4), (council.Collectives, council.Individuals));
        Assert.Equal(2, Value(town, "awards.commendations.collective.district_emulation_council"));
        Assert.Equal(4, Value(town, "awards.commendations.individual.district_emulation_council"));
        var province = byIssuer["Hội Chữ thập đỏ tỉnh"];                                             // F7
        Assert.Equal((2, 5, 3_500_000), (province.Collectives, province.Individuals, province.CashVnd));
        Assert.Equal(3_500_000, Value(town, "awards.cash_vnd.provincial_red_cross"));
        var redCross = byIssuer["Hội Chữ thập đỏ cấp huyện"];                                         // F8
        Assert.Equal((2, 0), (redCross.Collectives, redCross.Individuals));

        Assert.Equal(["membership.growth_below_target", "relief.address_reviews_overdue"], town.Difficulties.Select(d => d.Code));  // F9
        Assert.True(Value(town, "membership.members.new") < Value(town, "membership.members.growth_target"));
        Assert.True(Value(town, "relief.addresses.review_overdue") > 0);

        // F10: blood donation, humanitarian health checks, health consultations, summer activities, and the Cow Bank.
        Assert.Subset(town.Programmes.Select(p => p.Type).ToHashSet(), new HashSet<string> { "blood_donation", "health_check", "health_consultation", "summer_activities" });
        Assert.True(Value(town, "relief.livestock.given") > 0);
        Assert.True(Value(town, "campaign.blood.donations") > 0);
        var drive = Assert.Single(town.Programmes, p => p.Type == "blood_donation");
        Assert.Equal((Value(town, "campaign.blood.donations"), Value(town, "campaign.blood.volume_ml")), (drive.BloodDonations, drive.BloodVolumeMl));
        Assert.Equal(["blood_donation", "society_work", "society_work"], town.Commendations.Select(c => c.Movement));
        Assert.Contains("Ngân hàng bò", await Rendered("md"), StringComparison.Ordinal);

        var province06 = await Report("06");
        foreach (var indicator in town.Indicators)
        {
            // 058 is the only unit of the province with recorded work, so the province's figures are the town's (a percentage is recomputed, not summed).
            Assert.True(indicator.Value == Value(province06, indicator.Code), $"{indicator.Code}: 058 {indicator.Value}, 06 {Value(province06, indicator.Code)}");
        }

        Assert.Equal(town.Programmes, province06.Programmes);

        await demo.RestartAsync();
        Assert.Equal(town, await Report("058"));
        Assert.Equal(province06, await Report("06"));
    }

    private async Task<string> Rendered(string format)
    {
        using var rest = demo.Rest();
        return await rest.GetStringAsync($"/api/v1/orgUnits/058/annualReports/2013:render?format={format}");
    }
}
