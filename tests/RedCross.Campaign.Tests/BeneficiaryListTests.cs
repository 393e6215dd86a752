extern alias reliefhost;

using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Campaign.Tests;

/// <summary>A real relief host in-process, validating tokens with the campaign host's key; its org tree arrives
/// through its own test bus.</summary>
public sealed class ReliefSource(string keysFolder) : HostFactory<reliefhost::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:KeysDirectory", keysFolder);
        builder.UseSetting("Relief:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Relief:CatchUp:Interval", "01:00:00");
    }

    public new Tokens Tokens => new(keysFolder);

    public async Task SendTree()
    {
        var bus = Services.GetTestHarness().Bus;
        foreach (var (code, parent, path, level) in new[] { ("06", (string?)null, "06", "province"), ("058", "06", "06/058", "district"), ("01834", "058", "06/058/01834", "commune"), ("01837", "058", "06/058/01837", "commune") })
        {
            var unit = new OrgUnitCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, code, "Hội " + code, level, parent, path, null, new DateOnly(1997, 1, 1), null, []);
            await bus.Publish(unit, ctx => ctx.MessageId = unit.EventId);
        }

        var beneficiaries = new Beneficiaries.BeneficiariesClient(Channel(Tokens.DistrictOfficer058));
        await Eventually.Until(async () =>
        {
            try
            {
                await beneficiaries.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01837" });
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, ok => ok, what: "relief to know the tree");
    }
}

/// <summary>The campaign host drawing lists from <see cref="ReliefSource"/> over gRPC with its own service identity.</summary>
public sealed class CampaignWithRelief : CampaignFactory
{
    public CampaignWithRelief() => Relief = new ReliefSource(KeysFolder);

    public ReliefSource Relief { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddGrpcClient<Beneficiaries.BeneficiariesClient>(o => o.Address = Relief.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => Relief.Server.CreateHandler()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Relief.Dispose();
    }
}

public sealed class BeneficiaryListTests(CampaignWithRelief factory) : IClassFixture<CampaignWithRelief>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private async Task<Contracts.Campaign.V1.Campaign> Programme()
    {
        await factory.EnsureTree();
        return await factory.Campaigns(Token).CreateCampaignAsync(new CreateCampaignRequest { Campaign = CampaignsTests.HealthCheck() });
    }

    private async Task<Beneficiary> InRelief(string name, string unit, params string[] categories)
    {
        var person = new Beneficiary { Kind = "person", FullName = name, BirthDate = "1945-03-03", OrgUnit = unit, NationalId = string.Empty };
        person.Categories.AddRange(categories);
        return await new Beneficiaries.BeneficiariesClient(factory.Relief.Channel(Token)).CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = person });
    }

    [Fact]
    public async Task The_list_comes_from_relief_over_grpc_with_the_service_identity_and_is_kept_as_a_snapshot()
    {
        await factory.Relief.SendTree();
        var elderly = await InRelief("Lục Thị Mây", "01837", "elderly");
        var policy = await InRelief("Ma Văn Chiến", "01837", "policy_family", "poor");
        await InRelief("Hà Văn Khác", "01837", "orphan");
        var campaign = await Programme();

        var drawn = await factory.Campaigns(Token).DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
        {
            CampaignId = campaign.Id, OrgUnit = "01837", Categories = { "elderly", "policy_family" },
        });
        Assert.Equal(2, drawn.Count);
        await factory.Services.Published<CampaignBeneficiaryListDrawn>(m => m.Context.Message.CampaignId.ToString() == campaign.Id
            && m.Context.Message.OrgUnitCode == campaign.OrgUnit && m.Context.Message.Count == 2 && m.Context.Message.DrawnOn.ToString("yyyy-MM-dd") == drawn.DrawnOn);
        var list = await factory.Campaigns(Token).ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = campaign.Id, PageSize = 1 });
        Assert.Equal((2, elderly.Id, "Lục Thị Mây"), (list.Total, list.Beneficiaries.Single().BeneficiaryId, list.Beneficiaries.Single().FullName));
        var rest = await factory.Campaigns(Token).ListCampaignBeneficiariesAsync(new ListCampaignBeneficiariesRequest { CampaignId = campaign.Id, PageToken = list.NextPageToken });
        Assert.Equal([policy.Id], rest.Beneficiaries.Select(b => b.BeneficiaryId));

        // Relief answered this host's service identity: events.read and the relief.read it asked for; relief's own identity
        // is not widened.
        var identity = factory.Services.GetRequiredService<ServiceIdentity>();
        var scopes = new JsonWebTokenHandler().ReadJsonWebToken(await identity.TokenAsync(CancellationToken.None)).Claims
            .Where(c => c.Type == CallerClaims.Scope).Select(c => c.Value);
        Assert.Equal(["events.read", "relief.read"], scopes.Order());
        Assert.Equal(["events.read"], factory.Relief.Services.GetRequiredService<ServiceIdentity>().Scopes);
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_relief_is_called()
    {
        var campaign = await Programme();
        var client = factory.Campaigns(Token);
        Assert.Equal(["org_unit", "categories"], await RpcAssert.InvalidFields(() => client.DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest { CampaignId = campaign.Id }).ResponseAsync));
        Assert.Equal(["categories", "limit"], await RpcAssert.InvalidFields(() => client.DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
        {
            CampaignId = campaign.Id, OrgUnit = "01837", Categories = { "rich" }, Limit = 100_001,
        }).ResponseAsync));
        var ofCommune = await client.CreateCampaignAsync(new CreateCampaignRequest { Campaign = CampaignsTests.HealthCheck("01834") });
        Assert.Equal(["org_unit"], await RpcAssert.InvalidFields(() => client.DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
        {
            CampaignId = ofCommune.Id, OrgUnit = "01837", Categories = { "poor" },
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => client.DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
        {
            CampaignId = campaign.Id, OrgUnit = "060", Categories = { "poor" },
        }).ResponseAsync);
    }
}

/// <summary>Relief stopped: nothing listens on its address, the connection is refused at once.</summary>
public sealed class ReliefStopped : CampaignFactory;

/// <summary>Relief hung: a listener that takes the connection and never answers, so only the call's deadline ends it.</summary>
public sealed class ReliefUnreachable : CampaignFactory
{
    private readonly TcpListener hole = StartHole();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Campaign:Sources:Relief", $"http://127.0.0.1:{((IPEndPoint)hole.LocalEndpoint).Port}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        hole.Dispose();
    }

    // The kernel completes the TCP handshake for the backlog; nobody ever reads or writes.
    private static TcpListener StartHole()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}

public sealed class ReliefStoppedTests(ReliefStopped factory) : ReliefDownTests(factory), IClassFixture<ReliefStopped>;

public sealed class ReliefUnreachableTests(ReliefUnreachable factory) : ReliefDownTests(factory), IClassFixture<ReliefUnreachable>;

/// <summary>When relief cannot deliver the list within the deadline (retries included), the caller gets Unavailable and
/// nothing is stored.</summary>
public abstract class ReliefDownTests(CampaignFactory factory)
{
    [Fact]
    public async Task Drawing_a_list_answers_unavailable_and_stores_nothing()
    {
        await factory.EnsureTree();
        var campaigns = factory.Campaigns(factory.Tokens.DistrictOfficer058);
        var campaign = await campaigns.CreateCampaignAsync(new CreateCampaignRequest { Campaign = CampaignsTests.HealthCheck() });
        var outbox = await factory.OutboxCount();

        var failed = await Assert.ThrowsAsync<RpcException>(() => campaigns.DrawBeneficiaryListAsync(new DrawBeneficiaryListRequest
        {
            CampaignId = campaign.Id, OrgUnit = "01837", Categories = { "poor" },
        }).ResponseAsync);
        Assert.True(failed.StatusCode == StatusCode.Unavailable, failed.Status.ToString());
        Assert.Contains("nothing was stored", failed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(outbox, await factory.OutboxCount());
        Assert.Equal(campaign.Etag, (await campaigns.GetCampaignAsync(new GetCampaignRequest { Id = campaign.Id })).Etag);
        Assert.Equal(0, await factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.CampaignId == Guid.Parse(campaign.Id))));
    }
}
