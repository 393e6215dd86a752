using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;

namespace RedCross.Campaign.Tests;

/// <summary>The campaign host in-process on a fresh SQLite folder. The org tree arrives as membership would send it:
/// OrgUnitCreated events through the bus (membership's and relief's logs are not there; catch-up has its own tests).</summary>
public class CampaignFactory : HostFactory<Program>
{
    private readonly ReplicaTree tree = ReplicaTree.District();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Campaign:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Campaign:Sources:Relief", "http://127.0.0.1:9");
        builder.UseSetting("Campaign:CatchUp:Interval", "01:00:00");
        builder.UseSetting("Campaign:Relief:Deadline", "00:00:03");
    }

    public Campaigns.CampaignsClient Campaigns(string? token) => new(Channel(token));

    public BloodDonors.BloodDonorsClient Donors(string? token) => new(Channel(token));

    public BloodSessions.BloodSessionsClient Sessions(string? token) => new(Channel(token));

    public BloodDonations.BloodDonationsClient Donations(string? token) => new(Channel(token));

    public BloodDonorAudit.BloodDonorAuditClient Audit(string? token) => new(Channel(token));

    /// <summary>A partner's token as the client-credentials endpoint issues it: `sub` is the client id.</summary>
    public string Partner(string clientId, string org = "06/058", params string[] scopes) =>
        Tokens.ForClient(clientId, Roles.Partner, org, scopes.Length == 0 ? [Scopes.CampaignRead, Scopes.CampaignWrite] : scopes);

    public async Task Publish(IIntegrationEvent evt) =>
        await Services.GetTestHarness().Bus.Publish(evt, evt.GetType(), ctx => ctx.MessageId = evt.EventId);

    /// <summary>Province 06, districts 058 and 060, communes 01834, 01837, 01852 and the closed OLD.</summary>
    public Task EnsureTree() => tree.EnsureSentAsync(Services.GetTestHarness().Bus, units =>
        Eventually.Until(() => WithDb(db => db.Set<ReplicatedOrgUnit>().CountAsync()), n => n == units.Count, what: "the org tree to be replicated"));

    /// <summary>Reads the database as it is once the read entries queued so far are written (they are batched).</summary>
    internal async Task<T> WithDb<T>(Func<CampaignDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditReads<CampaignDb>>().FlushAsync(CancellationToken.None);
        return await read(scope.ServiceProvider.GetRequiredService<CampaignDb>());
    }

    public Task<int> OutboxCount() => WithDb(db => db.Set<OutboxMessage>().CountAsync());
}
