using System.Globalization;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using MassTransit;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Events.Campaign;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests;


/// <summary>Awards in the microservices deployment: blood donations recorded in the real campaign process, and
/// BloodDonationRecorded events redelivered out of order over the real RabbitMQ, reach the awards process and make a
/// recognition candidate, which is nominated and approved through the gateway and counted by reporting from awards'
/// events. Counts in 2004 only.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AwardsPlatformTests(Platform platform)
{
    private const string Issuer = "06-UBND-SYS";

    private async Task PublishDonations(params BloodDonationRecorded[] donations)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("localhost", (ushort)platform.Rabbit.Port, "/", h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            foreach (var donation in donations)
            {
                await bus.Publish(donation, ctx => ctx.MessageId = donation.EventId);
            }
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<long> Indicator(string unit, string code)
    {
        using var rest = platform.GatewayRest(platform.Tokens.ProvinceAdmin);
        var response = await rest.GetAsync($"/api/v1/orgUnits/{unit}/annualReports/2004");
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

    private async Task EnsureIssuerAsync(GrpcChannelSource admin, string code)
    {
        // Awards learns the tree from membership: wait until it accepts the province as an issuer's unit.
        await Eventually.Until(async () =>
        {
            try
            {
                await new Issuers.IssuersClient(admin()).CreateIssuerAsync(new CreateIssuerRequest
                {
                    Issuer = new Issuer { Code = code, Kind = "provincial_peoples_committee", OrgUnit = "06", Name = "Ủy ban nhân dân tỉnh", Forms = { new AwardForm { Kind = "diploma_of_merit", CashIndividualVnd = 500_000 } } },
                });
                return true;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.AlreadyExists)
            {
                return e.StatusCode == StatusCode.AlreadyExists;
            }
        }, done => done, TimeSpan.FromSeconds(60), "awards to know province 06");
        await new BloodDonorRecognition.BloodDonorRecognitionClient(admin()).SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = code, Province = "06", Tiers = { new RecognitionTier { MinDonations = 3, FormKind = "diploma_of_merit" } },
        });
    }

    [Fact]
    public async Task Donations_recorded_in_the_campaign_process_make_a_recognition_candidate_in_awards()
    {
        await EnsureIssuerAsync(() => platform.GatewayChannel(platform.Tokens.ProvinceAdmin), Issuer + "-2");
        var officer = platform.GatewayChannel(platform.Tokens.DistrictOfficer058);
        var donors = new RedCross.Contracts.Campaign.V1.BloodDonors.BloodDonorsClient(officer);
        var donor = await Eventually.Until(async () =>
        {
            try
            {
                return await donors.CreateBloodDonorAsync(new RedCross.Contracts.Campaign.V1.CreateBloodDonorRequest
                {
                    Donor = new RedCross.Contracts.Campaign.V1.BloodDonor { FullName = "Hoàng Văn Hiến Máu", BirthDate = "1980-02-02", Sex = "male", WeightKg = 62, BloodGroup = "O+", OrgUnit = "01846" },
                });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, d => d is not null, TimeSpan.FromSeconds(60), "campaign to know unit 01846");
        var donations = new RedCross.Contracts.Campaign.V1.BloodDonations.BloodDonationsClient(officer);
        foreach (var day in new[] { "2003-01-10", "2003-04-10", "2003-07-10" })
        {
            await donations.RecordBloodDonationAsync(new RedCross.Contracts.Campaign.V1.RecordBloodDonationRequest
            {
                Donation = new RedCross.Contracts.Campaign.V1.BloodDonation { DonorId = donor!.Id, Component = "whole_blood", VolumeMl = 350, WeightKg = 62, DonatedOn = day },
            });
        }

        var candidate = await Eventually.Until(async () => (await new BloodDonorRecognition.BloodDonorRecognitionClient(officer)
                .ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest { OrgUnit = "058" })).Candidates.SingleOrDefault(c => c.DonorId == donor!.Id),
            c => c is not null, TimeSpan.FromSeconds(60), "the campaign's donor to become a recognition candidate in awards");
        Assert.Equal(("01846", 3, "2003-07-10"), (candidate!.OrgUnit, candidate.DonationCount, candidate.LastDonatedOn));
    }

    [Fact]
    public async Task Donations_published_over_rabbitmq_make_a_recognition_candidate_that_is_nominated_approved_and_reported()
    {
        var admin = platform.GatewayChannel(platform.Tokens.ProvinceAdmin);
        // Awards learns the tree from membership: wait until it accepts the province as an issuer's unit.
        await Eventually.Until(async () =>
        {
            try
            {
                await new Issuers.IssuersClient(admin).CreateIssuerAsync(new CreateIssuerRequest
                {
                    Issuer = new Issuer { Code = Issuer, Kind = "provincial_peoples_committee", OrgUnit = "06", Name = "Ủy ban nhân dân tỉnh", Forms = { new AwardForm { Kind = "diploma_of_merit", CashIndividualVnd = 500_000 } } },
                });
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, done => done, TimeSpan.FromSeconds(60), "awards to know province 06");
        var recognition = new BloodDonorRecognition.BloodDonorRecognitionClient(admin);
        await recognition.SetRecognitionTiersAsync(new SetRecognitionTiersRequest
        {
            IssuerCode = Issuer, Province = "06", Tiers = { new RecognitionTier { MinDonations = 3, FormKind = "diploma_of_merit" } },
        });

        var donor = Guid.CreateVersion7();
        var donations = Enumerable.Range(1, 3).Select(n => new BloodDonationRecorded(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "01846", Guid.CreateVersion7(), donor, null,
            "whole_blood", 350, new DateOnly(2004, n * 3, 1), n)).ToArray();
        await PublishDonations(donations[2], donations[0], donations[1], donations[2]);

        var officer = platform.GatewayChannel(platform.Tokens.DistrictOfficer058);
        var candidate = await Eventually.Until(async () => (await new BloodDonorRecognition.BloodDonorRecognitionClient(officer)
                .ListRecognitionCandidatesAsync(new ListRecognitionCandidatesRequest { OrgUnit = "058" })).Candidates.SingleOrDefault(c => c.DonorId == donor.ToString()),
            c => c is not null, TimeSpan.FromSeconds(60), "the donor to become a recognition candidate");
        Assert.Equal(("01846", 3, "2004-09-01", Issuer), (candidate!.OrgUnit, candidate.DonationCount, candidate.LastDonatedOn, candidate.Due.Single().IssuerCode));

        var made = await new BloodDonorRecognition.BloodDonorRecognitionClient(officer).NominateCandidatesAsync(new NominateCandidatesRequest
        {
            OrgUnit = "058", Year = 2004, ProposerOrgUnit = "058", Submit = true, DonorIds = { donor.ToString() },
        });
        var nomination = Assert.Single(made.Nominations);
        var approved = await new Nominations.NominationsClient(admin).ApproveNominationAsync(new ApproveNominationRequest
        {
            // Submitted today (Vietnam-local); decided the same day.
            Id = nomination.Id, DecisionNumber = "1/QĐ-UBND", DecisionDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(("approved", 500_000L), (approved.Status, approved.CashVnd));

        foreach (var unit in new[] { "01846", "058", "06" })
        {
            await Eventually.Until(() => Indicator(unit, "awards.commendations.individual.provincial_peoples_committee"), v => v == 1, TimeSpan.FromSeconds(60), $"{unit}'s 2004 commendations");
        }

        Assert.Equal(500_000, await Indicator("058", "awards.cash_vnd"));
    }
}
