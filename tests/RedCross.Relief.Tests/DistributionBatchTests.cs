using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>A whole list at one event (BatchCreateDistributions), all or nothing, and gifts from a fund.</summary>
public sealed class DistributionBatchTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private Distributions.DistributionsClient Client => factory.Distributions(Token);

    private Task<int> Stored() => factory.WithDb(db => db.Distributions.CountAsync());

    private async Task<(List<Beneficiary> People, Donation Donation)> Setup(string family, int people, long donated)
    {
        await factory.EnsureTree();
        var list = new List<Beneficiary>();
        for (var i = 0; i < people; i++)
        {
            list.Add(await factory.Beneficiaries(Token).CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person($"{family} Thị {i}", unit: "01837") }));
        }

        var sponsor = await factory.Sponsors(Token).CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Viettel Bắc Kạn", OrgUnit = "058" } });
        var donation = await factory.Donations(Token).CreateDonationAsync(new CreateDonationRequest
        {
            Donation = new Donation { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = donated, ReceivedOn = "2013-06-01" },
        });
        return (list, donation);
    }

    private static BatchCreateDistributionsRequest Batch(IEnumerable<Beneficiary> people, Donation donation, long each, string? requestId = null) => new()
    {
        RequestId = requestId ?? string.Empty,
        Requests =
        {
            people.Select(p => new CreateDistributionRequest
            {
                Distribution = new Distribution
                {
                    BeneficiaryId = p.Id, Kind = "cash", ValueVnd = each, SourceKind = "donation", DonationId = donation.Id,
                    HandedOverAt = "2013-06-15T08:30", CampaignRef = "tet-2013",
                },
            }),
        },
    };

    [Fact]
    public async Task A_list_at_an_event_is_recorded_at_once_lowers_the_balance_and_a_replay_returns_the_same_batch()
    {
        var (people, donation) = await Setup("Hoàng", 3, 1_000_000);
        var before = await Stored();

        var batch = await Client.BatchCreateDistributionsAsync(Batch(people, donation, 300_000, "event-2013-06-15"));
        Assert.Equal(people.Select(p => p.Id), batch.Distributions.Select(d => d.BeneficiaryId));
        Assert.All(batch.Distributions, d => Assert.Equal(("01837", donation.SponsorId), (d.OrgUnit, d.SponsorId)));
        Assert.Equal(100_000, (await factory.Donations(Token).GetDonationAsync(new GetDonationRequest { Id = donation.Id })).RemainingVnd);

        var replay = await Client.BatchCreateDistributionsAsync(Batch(people, donation, 300_000, "event-2013-06-15"));
        Assert.Equal(batch.Distributions.Select(d => d.Id), replay.Distributions.Select(d => d.Id));
        Assert.Equal(before + 3, await Stored());
    }

    [Fact]
    public async Task A_batch_the_donation_cannot_cover_is_refused_whole()
    {
        var (people, donation) = await Setup("Bế", 3, 1_000_000);
        var before = await Stored();
        var outbox = await factory.OutboxCount();

        // Two of 400,000 fit; the third does not, so none is recorded.
        Assert.Equal("DONATION_BALANCE_EXCEEDED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Client.BatchCreateDistributionsAsync(Batch(people, donation, 400_000)).ResponseAsync));
        Assert.Equal((before, outbox), (await Stored(), await factory.OutboxCount()));
        Assert.Equal(1_000_000, (await factory.Donations(Token).GetDonationAsync(new GetDonationRequest { Id = donation.Id })).RemainingVnd);
    }

    [Fact]
    public async Task Bad_items_empty_and_oversized_batches_are_refused_naming_the_item_and_nothing_is_stored()
    {
        var (people, donation) = await Setup("Ma", 2, 1_000_000);
        var before = await Stored();
        var bad = Batch(people, donation, 100_000);
        bad.Requests[1].Distribution.ValueVnd = -5;
        bad.Requests[0].RequestId = "own";
        Assert.Equal(["requests[0].request_id", "requests[1].distribution.value_vnd"], (await RpcAssert.InvalidFields(() => Client.BatchCreateDistributionsAsync(bad).ResponseAsync)).Order());
        Assert.Equal(["requests"], await RpcAssert.InvalidFields(() => Client.BatchCreateDistributionsAsync(new BatchCreateDistributionsRequest()).ResponseAsync));
        var oversized = Batch(Enumerable.Repeat(people[0], 5001), donation, 1);
        Assert.Equal(["requests"], await RpcAssert.InvalidFields(() => Client.BatchCreateDistributionsAsync(oversized).ResponseAsync));
        var unknown = Batch(people, donation, 100_000);
        unknown.Requests[1].Distribution.BeneficiaryId = Guid.CreateVersion7().ToString();
        var notFound = await RpcAssert.Fails(StatusCode.NotFound, () => Client.BatchCreateDistributionsAsync(unknown).ResponseAsync);
        Assert.Equal("requests[1].distribution.beneficiary_id", notFound.GetRpcStatus()?.GetDetail<ResourceInfo>()?.ResourceName);
        Assert.Equal(before, await Stored());
    }

    [Fact]
    public async Task A_gift_from_a_fund_names_the_fund_and_no_sponsor()
    {
        var (people, _) = await Setup("Triệu", 1, 1);
        var gift = new Distribution { BeneficiaryId = people[0].Id, Kind = "cash", ValueVnd = 500_000, SourceKind = "fund", Fund = "Quỹ cứu trợ huyện", HandedOverAt = "2013-02-01T10:00" };
        var recorded = await Client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = gift });
        Assert.Equal(("fund", "Quỹ cứu trợ huyện", string.Empty), (recorded.SourceKind, recorded.Fund, recorded.SponsorId));

        var before = await Stored();
        var unnamed = gift.Clone();
        unnamed.Fund = string.Empty;
        Assert.Equal(["distribution.fund"], await RpcAssert.InvalidFields(() => Client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = unnamed }).ResponseAsync));
        var mixed = gift.Clone();
        mixed.SourceKind = "sponsor_direct";
        mixed.SponsorId = Guid.CreateVersion7().ToString();
        Assert.Equal(["distribution.fund"], await RpcAssert.InvalidFields(() => Client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = mixed }).ResponseAsync));
        Assert.Equal(before, await Stored());
    }
}
