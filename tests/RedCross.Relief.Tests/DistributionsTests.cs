using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

public sealed class DistributionsTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private async Task<(Beneficiary Beneficiary, Donation Donation)> Setup(string name, long donated, string kind = "cash", string sex = "")
    {
        await factory.EnsureTree();
        var person = ReliefFactory.Person(name);
        person.Sex = sex;
        var beneficiary = await factory.Beneficiaries(Token).CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = person });
        var sponsor = await factory.Sponsors(factory.Tokens.ProvinceAdmin).CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Viettel Bắc Kạn", OrgUnit = "06" },
        });
        var donation = new Donation { SponsorId = sponsor.Id, OrgUnit = "058", Kind = kind, ValueVnd = donated, ReceivedOn = "2013-06-01", Programme = "Tết vì người nghèo" };
        if (kind == "in_kind")
        {
            (donation.Item, donation.Quantity, donation.QuantityUnit) = ("gạo", 1000, "kg");
        }

        return (beneficiary, await factory.Donations(Token).CreateDonationAsync(new CreateDonationRequest { Donation = donation }));
    }

    private static Distribution Cash(Beneficiary to, Donation from, long vnd, string at = "2013-06-10T09:00") => new()
    {
        BeneficiaryId = to.Id, Kind = "cash", ValueVnd = vnd, SourceKind = "donation", DonationId = from.Id, HandedOverAt = at,
    };

    private Task<int> Stored() => factory.WithDb(db => db.Distributions.CountAsync());

    [Fact]
    public async Task A_distribution_from_a_donation_is_recorded_lowers_its_balance_and_is_announced()
    {
        var (beneficiary, donation) = await Setup("Nông Văn Một", 1_000_000, sex: "female");
        await factory.Services.Published<DonationReceived>(m => m.Context.Message.DonationId.ToString() == donation.Id && m.Context.Message.ValueVnd == 1_000_000);

        var recorded = await factory.Distributions(Token).CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 300_000) });
        Assert.Equal(("01834", donation.SponsorId), (recorded.OrgUnit, recorded.SponsorId));
        Assert.Equal(700_000, (await factory.Donations(Token).GetDonationAsync(new GetDonationRequest { Id = donation.Id })).RemainingVnd);
        await factory.Services.Published<DistributionRecorded>(m => m.Context.Message.DistributionId.ToString() == recorded.Id
            && m.Context.Message.ValueVnd == 300_000 && m.Context.Message.SourceKind == "donation" && m.Context.Message.SponsorId.ToString() == donation.SponsorId
            // The recipient as reports count her: her sex and her age band on the day (born 1950-05-05, 63), never the birth date.
            && m.Context.Message.RecipientSex == "female" && m.Context.Message.RecipientAgeBand == "60-69");
        var payloads = await factory.WithDb(db => db.Set<Messaging.OutboxMessage>().Select(o => o.Payload).ToListAsync());
        Assert.DoesNotContain(payloads, p => p.Contains("1950-05-05", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_than_the_balance_is_refused_and_a_reversal_gives_it_back()
    {
        var (beneficiary, donation) = await Setup("Nông Văn Hai", 500_000);
        var client = factory.Distributions(Token);
        var first = await client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 400_000) });
        var before = await Stored();
        Assert.Equal("DONATION_BALANCE_EXCEEDED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 100_001) }).ResponseAsync));
        Assert.Equal(before, await Stored());

        var reversed = await client.ReverseDistributionAsync(new ReverseDistributionRequest { Id = first.Id, Reason = "ghi nhầm người nhận", Etag = first.Etag });
        Assert.True(reversed.Reversed);
        // The reversal un-counts under the sex and age band the gift was counted under (no sex recorded; 63 on the day).
        await factory.Services.Published<DistributionReversed>(m => m.Context.Message.DistributionId.ToString() == first.Id && m.Context.Message.ValueVnd == 400_000
            && m.Context.Message.RecipientSex == null && m.Context.Message.RecipientAgeBand == "60-69");
        Assert.Equal("ALREADY_REVERSED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => client.ReverseDistributionAsync(new ReverseDistributionRequest { Id = first.Id, Reason = "lần hai" }).ResponseAsync));
        await client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 500_000) });
    }

    [Fact]
    public async Task Twenty_concurrent_gifts_racing_for_the_last_of_a_balance_never_overdraw_it()
    {
        var (beneficiary, donation) = await Setup("Nông Văn Ba", 1_000_000);
        await factory.Distributions(Token).CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 400_000) });

        // 600,000 left: six gifts of 100,000 fit, fourteen do not. Each caller on a channel of its own.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await factory.Distributions(Token).CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 100_000) });
                return "OK";
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return await RpcAssert.Reason(StatusCode.FailedPrecondition, () => throw e);
            }
        }));

        Assert.Equal(6, outcomes.Count(o => o == "OK"));
        Assert.Equal(14, outcomes.Count(o => o == "DONATION_BALANCE_EXCEEDED"));
        Assert.Equal(0, (await factory.Donations(Token).GetDonationAsync(new GetDonationRequest { Id = donation.Id })).RemainingVnd);
    }

    [Fact]
    public async Task A_gift_at_23_30_local_time_on_31_december_carries_that_date()
    {
        var (beneficiary, donation) = await Setup("Nông Văn Bốn", 1_000_000);
        var recorded = await factory.Distributions(Token).CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 250_000, "2013-12-31T23:30") });

        Assert.Equal("2013-12-31T23:30", recorded.HandedOverAt);
        await factory.Services.Published<DistributionRecorded>(m => m.Context.Message.DistributionId.ToString() == recorded.Id
            && m.Context.Message.HandedOverOn == new DateOnly(2013, 12, 31));
    }

    [Fact]
    public async Task Bad_amounts_kinds_and_sources_are_refused_and_nothing_is_stored()
    {
        var (beneficiary, donation) = await Setup("Nông Văn Năm", 1_000_000, kind: "in_kind");
        var client = factory.Distributions(Token);
        var before = (await Stored(), await factory.OutboxCount());

        Assert.Contains("distribution.value_vnd", await RpcAssert.InvalidFields(() => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 0) }).ResponseAsync));
        Assert.Contains("distribution.value_vnd", await RpcAssert.InvalidFields(() => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, -5) }).ResponseAsync));
        Assert.Contains("distribution.handed_over_at", await RpcAssert.InvalidFields(() => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 10, "2099-01-01T08:00") }).ResponseAsync));
        Assert.Contains("distribution.handed_over_at", await RpcAssert.InvalidFields(() => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 10, "31/12/2013") }).ResponseAsync));
        // Cash cannot come out of rice.
        Assert.Equal("DONATION_KIND_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Cash(beneficiary, donation, 10) }).ResponseAsync));
        var goods = Cash(beneficiary, donation, 10);
        goods.Kind = "goods";
        Assert.Contains("distribution.item", await RpcAssert.InvalidFields(() => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = goods }).ResponseAsync));
        var unknown = Cash(beneficiary, donation, 10);
        unknown.DonationId = Guid.NewGuid().ToString();
        await RpcAssert.Fails(StatusCode.NotFound, () => client.CreateDistributionAsync(new CreateDistributionRequest { Distribution = unknown }).ResponseAsync);
        Assert.Equal(before, (await Stored(), await factory.OutboxCount()));

        var donations = factory.Donations(Token);
        var zero = new Donation { SponsorId = donation.SponsorId, OrgUnit = "058", Kind = "cash", ValueVnd = 0 };
        Assert.Contains("donation.value_vnd", await RpcAssert.InvalidFields(() => donations.CreateDonationAsync(new CreateDonationRequest { Donation = zero }).ResponseAsync));
        var outside = new Donation { SponsorId = donation.SponsorId, OrgUnit = "060", Kind = "cash", ValueVnd = 5 };
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => donations.CreateDonationAsync(new CreateDonationRequest { Donation = outside }).ResponseAsync);
        Assert.Equal(before.Item2, await factory.OutboxCount());
    }

    [Fact]
    public async Task A_sponsor_handing_over_directly_needs_no_donation_and_a_request_id_replay_records_once()
    {
        var (beneficiary, _) = await Setup("Nông Văn Sáu", 1);
        var sponsor = await factory.Sponsors(Token).CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "individual", DisplayName = "Nhà hảo tâm", OrgUnit = "058" } });
        var gift = new Distribution { BeneficiaryId = beneficiary.Id, Kind = "goods", Item = "chăn", Quantity = 2, QuantityUnit = "chiếc", ValueVnd = 600_000,
            SourceKind = "sponsor_direct", SponsorId = sponsor.Id, CampaignRef = "tet-2014", HandedOverAt = "2014-01-20T10:00" };

        var first = await factory.Distributions(Token).CreateDistributionAsync(new CreateDistributionRequest { Distribution = gift, RequestId = "gift-1" });
        var replay = await factory.Distributions(Token).CreateDistributionAsync(new CreateDistributionRequest { Distribution = gift, RequestId = "gift-1" });
        Assert.Equal(first.Id, replay.Id);
        Assert.Single((await factory.Distributions(Token).ListDistributionsAsync(new ListDistributionsRequest { BeneficiaryId = beneficiary.Id })).Distributions);
        Assert.Empty((await factory.Distributions(factory.Tokens.For(Roles.DistrictOfficer, "06/060")).ListDistributionsAsync(new ListDistributionsRequest { BeneficiaryId = beneficiary.Id })).Distributions);
    }
}
