using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using RabbitMQ.Client;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>The campaign service in the microservices deployment: a programme's list comes from the real relief process
/// over gRPC with campaign's service identity; a blood donation's BloodDonationRecorded reaches RabbitMQ and the report;
/// a partner with a token from the client-credentials endpoint records results of its own campaign only. Counts in
/// 2009 only, in 01855.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CampaignPlatformTests(Platform platform)
{
    private const string Unit = "01855";

    private Campaigns.CampaignsClient Campaigns(string token) => new(platform.GatewayChannel(token));


    private async Task<long> Indicator(string unit, string code)
    {
        using var rest = platform.GatewayRest(platform.Tokens.ProvinceAdmin);
        var response = await rest.GetAsync($"/api/v1/orgUnits/{unit}/annualReports/2009");
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

    private Task<Contracts.Campaign.V1.Campaign> Campaign(string type, string? partnerClient = null) => Eventually.OnceTheTreeIsKnown(() =>
    {
        var campaign = new Contracts.Campaign.V1.Campaign { Type = type, Name = "Chương trình " + type, OrgUnit = "058", StartDate = "2009-03-01", EndDate = "2009-12-31" };
        if (partnerClient is not null)
        {
            campaign.Partners.Add(new CampaignPartner { Name = "Trung tâm Y tế", Kind = "health_sector", Role = "khám bệnh", ClientId = partnerClient });
        }

        return Campaigns(platform.Tokens.DistrictOfficer058).CreateCampaignAsync(new CreateCampaignRequest { Campaign = campaign }).ResponseAsync;
    }, "campaign to know unit 058");

    [Fact]
    public async Task The_beneficiary_list_comes_from_the_relief_process_over_grpc()
    {
        var beneficiaries = new Beneficiaries.BeneficiariesClient(platform.GatewayChannel(platform.Tokens.DistrictOfficer058));
        var listed = new List<string>();
        foreach (var name in new[] { "Lường Thị Danh", "Triệu Văn Sách" })
        {
            listed.Add((await Eventually.OnceTheTreeIsKnown(() => beneficiaries.CreateBeneficiaryAsync(new CreateBeneficiaryRequest
            {
                Beneficiary = new Beneficiary { Kind = "person", FullName = name, BirthDate = "1938-02-02", Categories = { "war_invalid" }, OrgUnit = Unit },
                RequestId = "system-campaign-" + name,
            }).ResponseAsync, "relief to know unit " + Unit)).Id);
        }

        var programme = await Campaign("health_check");
        var drawn = await Campaigns(platform.Tokens.DistrictOfficer058).DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
        {
            CampaignId = programme.Id, OrgUnit = Unit, Categories = { "war_invalid" },
        });
        Assert.True(drawn.Count >= 2, $"{drawn.Count} drawn");
        var snapshot = await Campaigns(platform.Tokens.DistrictOfficer058).ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = programme.Id, PageSize = 1000 });
        Assert.Superset(listed.ToHashSet(), snapshot.Beneficiaries.Select(b => b.BeneficiaryId).ToHashSet());
    }

    [Fact]
    public async Task A_blood_donation_reaches_rabbitmq_without_personal_data_and_is_counted_up_the_tree()
    {
        // A queue of the test's own, bound to the exchange MassTransit publishes the event type to.
        await using var connection = await new ConnectionFactory { HostName = "localhost", Port = platform.Rabbit.Port }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string exchange = "RedCross.Contracts.Events.Campaign:BloodDonationRecorded";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, string.Empty);

        var blood = await Campaign("blood_donation");
        var officer = platform.GatewayChannel(platform.Tokens.DistrictOfficer058);
        await Campaigns(platform.Tokens.DistrictOfficer058).OpenCampaignAsync(new OpenCampaignRequest { Id = blood.Id, OpenedOn = "2009-03-01" });
        var session = await new BloodSessions.BloodSessionsClient(officer).CreateBloodSessionAsync(new CreateBloodSessionRequest
        {
            Session = new BloodSession { CampaignId = blood.Id, OrgUnit = Unit, HeldOn = "2009-06-14", Place = "Nhà văn hóa" },
        });
        var donor = await new BloodDonors.BloodDonorsClient(officer).CreateBloodDonorAsync(new CreateBloodDonorRequest
        {
            Donor = new BloodDonor { FullName = "Nông Thị Hiến Máu", BirthDate = "1980-05-05", Sex = "female", WeightKg = 52.5, BloodGroup = "AB-", OrgUnit = Unit, Phone = "0912000111" },
            RequestId = "system-campaign-donor",
        });
        var donation = await new BloodDonations.BloodDonationsClient(officer).RecordBloodDonationAsync(new RecordBloodDonationRequest
        {
            Donation = new BloodDonation { DonorId = donor.Id, SessionId = session.Id, Component = "whole_blood", VolumeMl = 350, DonatedOn = "2009-06-14" },
            RequestId = "system-campaign-donation",
        });

        var body = await Eventually.Until(async () => await channel.BasicGetAsync(queue, autoAck: true) is { } m ? Encoding.UTF8.GetString(m.Body.Span) : null,
            b => b is not null && b.Contains(donation.Id, StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(60), "BloodDonationRecorded on RabbitMQ");
        Assert.Contains("\"cumulativeCount\": 1", body!.Replace("\":1", "\": 1", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Nông", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AB-", body, StringComparison.Ordinal);

        await Eventually.Until(() => Indicator(Unit, "campaign.blood.donations"), v => v == 1, TimeSpan.FromSeconds(60), "the donation in 01855's report");
        Assert.Equal(350, await Indicator(Unit, "campaign.blood.volume_ml"));
        Assert.True(await Indicator("058", "campaign.blood.donations") >= 1);
    }

    [Fact]
    public async Task A_partner_with_a_client_credentials_token_records_results_of_its_own_campaign_only()
    {
        var clients = new Clients.ClientsClient(platform.GatewayChannel(platform.Tokens.ProvinceAdmin));
        var created = await clients.CreateClientAsync(new CreateClientRequest
        {
            Name = "ttyt-" + Guid.NewGuid().ToString("N")[..8], Role = Roles.Partner, OrgPath = "06/058", Scopes = { Scopes.CampaignRead, Scopes.CampaignWrite },
        });
        using var http = platform.GatewayRest(null);
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = created.Client.ClientId, ["client_secret"] = created.ClientSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var ours = await Campaign("health_check", created.Client.ClientId);
        var other = await Campaign("health_check", "someone-else");
        foreach (var c in new[] { ours, other })
        {
            await Campaigns(platform.Tokens.DistrictOfficer058).OpenCampaignAsync(new OpenCampaignRequest { Id = c.Id, OpenedOn = "2009-03-01" });
        }

        var partner = Campaigns(token);
        var result = await partner.RecordCampaignResultAsync(new RecordCampaignResultRequest
        {
            CampaignId = ours.Id, Result = new CampaignResult { RecordedOn = "2009-04-04", Figures = new CampaignFigures { Examinations = 120, PeopleServed = 100 } },
        });
        Assert.Equal(created.Client.ClientId, result.RecordedBy);
        Assert.Equal("NOT_A_PARTNER", await RpcAssert.Reason(StatusCode.PermissionDenied, () => partner.RecordCampaignResultAsync(new RecordCampaignResultRequest
        {
            CampaignId = other.Id, Result = new CampaignResult { RecordedOn = "2009-04-04", Figures = new CampaignFigures { Examinations = 1 } },
        }).ResponseAsync));
    }
}
