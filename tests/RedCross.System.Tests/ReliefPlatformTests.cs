using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>Relief in the microservices deployment: writes through the gateway by gRPC and by REST reach RabbitMQ and
/// move reporting's relief indicators in the commune, the district and the province. Counts in 2007 only.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReliefPlatformTests(Platform platform)
{
    private const string ActivityValue = "relief.activity_value_vnd";

    private async Task<long> Indicator(string unit, string code)
    {
        using var rest = platform.GatewayRest(platform.Tokens.ProvinceAdmin);
        var response = await rest.GetAsync($"/api/v1/orgUnits/{unit}/annualReports/2007");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return -1;
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("code").GetString() == code)
            .Select(i => i.GetProperty("value")).Select(v => v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt64())
            .Single();
    }

    [Fact]
    public async Task Distributions_recorded_by_grpc_and_by_rest_through_the_gateway_move_relief_indicators_up_the_tree()
    {
        var officer = platform.GatewayChannel(platform.Tokens.DistrictOfficer058);
        var beneficiaries = new Beneficiaries.BeneficiariesClient(officer);
        // Relief learns the tree from membership's log: wait until it knows 01846.
        var beneficiary = await Eventually.Until(async () =>
        {
            try
            {
                return await beneficiaries.CreateBeneficiaryAsync(new CreateBeneficiaryRequest
                {
                    Beneficiary = new Beneficiary { Kind = "person", FullName = "Hà Thị Nhận Quà", BirthDate = "1940-04-04", Categories = { "elderly" }, OrgUnit = "01846" },
                    RequestId = "system-relief-beneficiary",
                });
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.InvalidArgument)
            {
                return null;
            }
        }, b => b is not null, TimeSpan.FromSeconds(60), "relief to know unit 01846");
        var sponsor = await new Sponsors.SponsorsClient(platform.GatewayChannel(platform.Tokens.ProvinceAdmin)).CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Nhà tài trợ hệ thống", OrgUnit = "06" },
        });
        var donation = await new Donations.DonationsClient(officer).CreateDonationAsync(new CreateDonationRequest
        {
            Donation = new Donation { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = 2_000_000, ReceivedOn = "2007-03-01" },
        });

        await new Distributions.DistributionsClient(officer).CreateDistributionAsync(new CreateDistributionRequest
        {
            Distribution = new Distribution { BeneficiaryId = beneficiary!.Id, Kind = "cash", ValueVnd = 500_000, SourceKind = "donation", DonationId = donation.Id, HandedOverAt = "2007-03-10T09:00" },
        });
        using var rest = platform.GatewayRest(platform.Tokens.DistrictOfficer058);
        var posted = await rest.PostAsJsonAsync("/api/v1/distributions", new
        {
            beneficiaryId = beneficiary.Id, kind = "cash", valueVnd = 300_000, sourceKind = "donation", donationId = donation.Id, handedOverAt = "2007-12-31T23:30",
        });
        Assert.True(posted.StatusCode == HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());

        foreach (var unit in new[] { "01846", "058", "06" })
        {
            await Eventually.Until(() => Indicator(unit, ActivityValue), v => v == 800_000, TimeSpan.FromSeconds(60), $"{unit}'s 2007 relief activity value");
        }

        var refused = await rest.PostAsJsonAsync("/api/v1/distributions", new
        {
            beneficiaryId = beneficiary.Id, kind = "cash", valueVnd = 1_200_001, sourceKind = "donation", donationId = donation.Id, handedOverAt = "2007-12-31T23:40",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // FailedPrecondition: more than the donation's balance
        Assert.Equal(800_000, await Indicator("058", ActivityValue));
    }

    [Theory]
    [InlineData("/api/v1/beneficiaries")]
    [InlineData("/api/v1/sponsors")]
    [InlineData("/api/v1/donations")]
    [InlineData("/api/v1/distributions")]
    [InlineData("/api/v1/humanitarianAddresses")]
    [InlineData("/api/v1/humanitarianAddresses:overdue?asOf=2013-12-31")]
    [InlineData("/api/v1/livestockProgrammes")]
    [InlineData("/api/v1/livestock")]
    [InlineData("/api/v1/handoverObligations")]
    [InlineData("/api/v1/handoverObligations:overdue?asOf=2013-12-31")]
    [InlineData("/api/v1/beneficiaryAuditEntries")]
    public async Task Every_relief_collection_is_served_through_the_gateway(string path)
    {
        using var rest = platform.GatewayRest(platform.Tokens.ProvinceAdmin);
        var response = await rest.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_batch_of_distributions_is_routed_by_its_custom_verb_and_refused_by_relief_when_empty()
    {
        using var rest = platform.GatewayRest(platform.Tokens.DistrictOfficer058);
        var response = await rest.PostAsJsonAsync("/api/v1/distributions:batchCreate", new { requests = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
