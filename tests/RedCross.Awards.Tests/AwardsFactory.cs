using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Awards.Data;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Membership;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Testing;

namespace RedCross.Awards.Tests;

/// <summary>The awards host in-process on a fresh SQLite folder. The tree and the members arrive as membership would
/// send them and donations as campaign would: events through the bus (the sources' logs are not there; the catch-up
/// has its own tests in the building blocks).</summary>
public sealed class AwardsFactory : HostFactory<Program>
{
    public static readonly Guid Member058 = Guid.Parse("01900000-0000-7000-8000-000000000058");
    public static readonly Guid Volunteer058 = Guid.Parse("01900000-0000-7000-8000-000000000158");
    public static readonly Guid Member060 = Guid.Parse("01900000-0000-7000-8000-000000000060");

    private readonly ReplicaTree tree = new(() =>
    [
        ReplicaTree.Unit("06", null, "06", "province"), ReplicaTree.Unit("058", "06", "06/058", "district"), ReplicaTree.Unit("060", "06", "06/060", "district"),
        ReplicaTree.Unit("01834", "058", "06/058/01834", "commune"), ReplicaTree.Unit("01837", "058", "06/058/01837", "commune"),
        ReplicaTree.Unit("01852", "058", "06/058/01852", "commune"), ReplicaTree.Unit("02000", "060", "06/060/02000", "commune"),
        ReplicaTree.Unit("07", null, "07", "province"), ReplicaTree.Unit("070", "07", "07/070", "district"),
    ]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Awards:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Awards:Sources:Campaign", "http://127.0.0.1:9");
        builder.UseSetting("Awards:CatchUp:Interval", "01:00:00");
    }

    public Issuers.IssuersClient Issuers(string? token) => new(Channel(token));

    public Nominations.NominationsClient Nominations(string? token) => new(Channel(token));

    public BloodDonorRecognition.BloodDonorRecognitionClient Recognition(string? token) => new(Channel(token));

    /// <summary>Province 06 (districts 058 and 060, communes 01834, 01837, 01852 under 058, 02000 under 060) and province
    /// 07 (district 070); a member in 01834, a volunteer in 01837, a member in 02000.</summary>
    public Task EnsureWorld() => tree.EnsureSentAsync(Services.GetTestHarness().Bus, async units =>
    {
        await Publish(
            new MemberRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, "01834", Member058, new DateOnly(2005, 1, 1), new DateOnly(1970, 1, 1), "female", false),
            new MemberRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, "01837", Volunteer058, new DateOnly(2006, 1, 1), new DateOnly(1990, 1, 1), "male", true),
            new MemberRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, "02000", Member060, new DateOnly(2007, 1, 1), new DateOnly(1980, 1, 1), "male", false));
        await Eventually.Until(() => WithDb(async db => (await db.Set<ReplicatedOrgUnit>().CountAsync(), await db.Members.CountAsync())),
            n => n == (units.Count, 3), what: "the tree and members to be replicated");
        var issuers = Issuers(Tokens.ProvinceAdmin);
        foreach (var issuer in SeedIssuers)
        {
            await issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = issuer });
        }
    });

    /// <summary>Publishes events on the in-memory bus as their source would (message id = event id).</summary>
    public async Task Publish(params IIntegrationEvent[] events)
    {
        var bus = Services.GetTestHarness().Bus;
        foreach (var e in events)
        {
            await bus.Publish((object)e, ctx => ctx.MessageId = e.EventId);
        }
    }

    public static BloodDonationRecorded Donation(Guid donor, string unit, int count, string on = "2013-06-01") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, unit, Guid.NewGuid(), donor, null, "whole_blood", 350, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), count);

    internal async Task<T> WithDb<T>(Func<AwardsDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AwardsDb>());
    }

    public Task<(int Nominations, int Outbox)> Stored() => WithDb(async db => (await db.Nominations.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));

    /// <summary>The seed's issuers: the town council and the town Red Cross (058), the provincial Red Cross with its cash
    /// (750,000 VND a collective, 400,000 an individual) and the provincial People's Committee (06).</summary>
    public static IReadOnlyList<Issuer> SeedIssuers =>
    [
        new() { Code = TownCouncil, Kind = "district_emulation_council", OrgUnit = "058", Name = "Hội đồng Thi đua - Khen thưởng thị xã Bắc Kạn", Forms = { new AwardForm { Kind = "certificate_of_merit" } } },
        new() { Code = TownRedCross, Kind = "district_red_cross", OrgUnit = "058", Name = "Hội Chữ thập đỏ thị xã Bắc Kạn", Forms = { new AwardForm { Kind = "certificate_of_merit" } } },
        new()
        {
            Code = ProvincialRedCross, Kind = "provincial_red_cross", OrgUnit = "06", Name = "Hội Chữ thập đỏ tỉnh Bắc Kạn",
            Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = 750_000, CashIndividualVnd = 400_000 } },
        },
        new() { Code = ProvincialCommittee, Kind = "provincial_peoples_committee", OrgUnit = "06", Name = "Ủy ban nhân dân tỉnh Bắc Kạn", Forms = { new AwardForm { Kind = "diploma_of_merit" } } },
    ];

    public const string TownCouncil = "058-HDTDKT";
    public const string TownRedCross = "058-HCTD";
    public const string ProvincialRedCross = "06-HCTD";
    public const string ProvincialCommittee = "06-UBND";
}
