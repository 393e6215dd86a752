using Grpc.Core;
using RedCross.Contracts.Campaign.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Campaign.Tests;

/// <summary>A campaign's partners and totals are owned rows: adding a partner, recording and correcting a result are
/// changes of the campaign all the same, so its etag moves and an etag read before is refused.</summary>
public sealed class CampaignVersionTests(CampaignFactory factory) : IClassFixture<CampaignFactory>
{
    private Campaigns.CampaignsClient Client => factory.Campaigns(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task Partners_and_results_move_the_campaigns_etag()
    {
        await factory.EnsureTree();
        var planned = await Client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = CampaignsTests.HealthCheck(client: "version-058") });
        var opened = await Client.OpenCampaignAsync(new OpenCampaignRequest { Id = planned.Id, OpenedOn = "2013-06-01", Etag = planned.Etag });
        var partnered = await Client.AddCampaignPartnerAsync(new AddCampaignPartnerRequest
        {
            CampaignId = planned.Id, Partner = new CampaignPartner { Name = "Trường THPT Bắc Kạn", Kind = "school", Role = "tuyên truyền" },
        });
        Assert.NotEqual(opened.Etag, partnered.Etag);

        var result = await Client.RecordCampaignResultAsync(new RecordCampaignResultRequest
        {
            CampaignId = planned.Id, Result = new CampaignResult { RecordedOn = "2013-06-15", Figures = new CampaignFigures { Examinations = 40 } },
        });
        var recorded = await Client.GetCampaignAsync(new GetCampaignRequest { Id = planned.Id });
        Assert.NotEqual(partnered.Etag, recorded.Etag);

        await Client.CorrectCampaignResultAsync(new CorrectCampaignResultRequest
        {
            CampaignId = planned.Id, ResultId = result.Id, Figures = new CampaignFigures { Examinations = 45 }, Reason = "miscounted",
        });
        var corrected = await Client.GetCampaignAsync(new GetCampaignRequest { Id = planned.Id });
        Assert.Equal(45L, corrected.Totals.Examinations);
        Assert.NotEqual(recorded.Etag, corrected.Etag);
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Client.CloseCampaignAsync(new CloseCampaignRequest { Id = planned.Id, ClosedOn = "2013-06-20", Etag = recorded.Etag }).ResponseAsync));
    }
}
