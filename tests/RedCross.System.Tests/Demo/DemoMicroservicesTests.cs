using Google.Protobuf.WellKnownTypes;
using RedCross.Contracts.Reporting.V1;
using RedCross.Demo;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests.Demo;

/// <summary>The same demo scenario entered through the gateway into the microservices deployment (five processes, a
/// real RabbitMQ node) gives the 2013 report of 058 the monolith gives, field for field.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoMicroservicesTests(DemoMonolith monolith, Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task The_demo_through_the_gateway_gives_the_report_the_monolith_gives()
    {
        using var town = platform.GatewayChannel(platform.Tokens.DistrictOfficer058);
        using var province = platform.GatewayChannel(platform.Tokens.ProvinceAdmin);
        await DemoLoader.LoadAsync(new DemoChannels(town, province), new Progress<string>(), CancellationToken.None);

        var expected = Comparable(await new Reporting.ReportingClient(monolith.Channel()).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 }));
        var reporting = new Reporting.ReportingClient(province);
        var actual = await Eventually.Until(
            async () => Comparable(await reporting.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })),
            report => report.Equals(expected), TimeSpan.FromMinutes(3), "the microservices' report to equal the monolith's");
        Assert.Equal(expected, actual);
        Assert.Equal(352_323_000, actual.Indicators.Single(i => i.Code == "relief.activity_value_vnd").Value);
    }

    /// <summary>The report without when and by whom its directions were saved (each deployment's loader had its own token).</summary>
    private static AnnualReport Comparable(AnnualReport report)
    {
        var copy = report.Clone();
        copy.Directions?.UpdatedAt = new Timestamp();
        copy.Directions?.UpdatedBy = string.Empty;
        return copy;
    }
}
