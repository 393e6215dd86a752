using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Relief;
using RedCross.Messaging;
using RedCross.Testing;
using Xunit;

namespace RedCross.Campaign.Tests;

/// <summary>Gifts recorded in relief against a campaign (campaign_ref = the campaign's id) arrive as relief's events and
/// are summed per sponsor; a reversal is deducted whichever comes first.</summary>
public sealed class GiftsTests(CampaignFactory factory) : IClassFixture<CampaignFactory>
{
    private static DistributionRecorded Gift(string? campaignRef, Guid sponsor, long vnd) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, "01837", Guid.NewGuid(), Guid.NewGuid(), "cash", vnd, "sponsor_direct", null, sponsor, campaignRef, new DateOnly(2013, 6, 20));

    private static DistributionReversed Reversal(DistributionRecorded d) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, d.OrgUnitCode, d.DistributionId, d.BeneficiaryId, d.Kind, d.ValueVnd, d.SourceKind, d.DonationId, d.SponsorId, d.CampaignRef, d.HandedOverOn);

    [Fact]
    public async Task Gifts_are_summed_by_sponsor_reversals_deducted_and_other_references_ignored()
    {
        await factory.EnsureTree();
        var token = factory.Tokens.DistrictOfficer058;
        var campaign = await factory.Campaigns(token).CreateCampaignAsync(new CreateCampaignRequest { Campaign = CampaignsTests.HealthCheck() });
        var (viettel, bank) = (Guid.NewGuid(), Guid.NewGuid());
        var undone = Gift(campaign.Id, viettel, 300_000);
        await factory.Publish(Reversal(undone));
        await factory.Publish(undone);
        await factory.Publish(Gift(campaign.Id, viettel, 300_000));
        await factory.Publish(Gift(campaign.Id, viettel, 300_000));
        await factory.Publish(Gift(campaign.Id, bank, 200_000));
        await factory.Publish(Gift("Tết 2013", bank, 9_000_000));
        await factory.Publish(Gift(null, bank, 9_000_000));

        // All seven applied (the two without a campaign's id included) before the sums are read.
        await Eventually.Until(() => factory.WithDb(db => db.Set<InboxMessage>().CountAsync(i => i.Consumer == "campaign:relief")), n => n == 7, what: "relief's events to be applied");
        var gifts = await Eventually.Until(() => factory.Campaigns(token).GetCampaignGiftsAsync(new GetCampaignGiftsRequest { CampaignId = campaign.Id }).ResponseAsync,
            g => g.TotalVnd == 800_000 && g.Sponsors.Sum(s => s.Gifts) == 3, what: "the gifts to be summed");
        Assert.Equal([(viettel.ToString(), 600_000L, 2L), (bank.ToString(), 200_000L, 1L)], gifts.Sponsors.Select(s => (s.SponsorId, s.ValueVnd, s.Gifts)));
    }
}
