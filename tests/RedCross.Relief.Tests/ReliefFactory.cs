using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Testing;

namespace RedCross.Relief.Tests;

/// <summary>The relief host in-process on a fresh SQLite folder. The org tree arrives as membership would send it:
/// OrgUnitCreated events through the bus (membership's log is not there; its catch-up has its own tests).</summary>
public sealed class ReliefFactory : HostFactory<Program>
{
    private readonly SemaphoreSlim treeOnce = new(1, 1);
    private bool treeSent;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Relief:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Relief:CatchUp:Interval", "01:00:00");
    }

    public Beneficiaries.BeneficiariesClient Beneficiaries(string? token) => new(Channel(token));

    public Sponsors.SponsorsClient Sponsors(string? token) => new(Channel(token));

    public Donations.DonationsClient Donations(string? token) => new(Channel(token));

    public Distributions.DistributionsClient Distributions(string? token) => new(Channel(token));

    public HumanitarianAddresses.HumanitarianAddressesClient Addresses(string? token) => new(Channel(token));

    /// <summary>Province 06, districts 058 and 060, communes 01834, 01837, 01852 and the closed OLD.</summary>
    public async Task EnsureTree()
    {
        await treeOnce.WaitAsync();
        try
        {
            if (treeSent)
            {
                return;
            }

            var bus = Services.GetTestHarness().Bus;
            OrgUnitCreated[] units =
            [
                Unit("06", null, "06", "province"), Unit("058", "06", "06/058", "district"), Unit("060", "06", "06/060", "district"),
                Unit("01834", "058", "06/058/01834", "commune"), Unit("01837", "058", "06/058/01837", "commune"),
                Unit("01852", "058", "06/058/01852", "commune"), Unit("OLD", "058", "06/058/OLD", "commune", new DateOnly(2014, 6, 30)),
            ];
            foreach (var unit in units)
            {
                await bus.Publish(unit, ctx => ctx.MessageId = unit.EventId);
            }

            await Eventually.Until(() => WithDb(db => db.Set<ReplicatedOrgUnit>().CountAsync()), n => n == units.Length, what: "the org tree to be replicated");
            treeSent = true;
        }
        finally
        {
            treeOnce.Release();
        }
    }

    internal async Task<T> WithDb<T>(Func<ReliefDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ReliefDb>());
    }

    public Task<int> OutboxCount() => WithDb(db => db.Set<OutboxMessage>().CountAsync());

    public static Beneficiary Person(string name = "Nguyễn Văn Bình", string unit = "01834", string birth = "1950-05-05", string? nationalId = null) => new()
    {
        Kind = "person",
        FullName = name,
        BirthDate = birth,
        NationalId = nationalId ?? string.Empty,
        Phone = "0912345678",
        Address = "Thôn Nà Pài",
        Categories = { "elderly", "poor" },
        OrgUnit = unit,
    };

    private static OrgUnitCreated Unit(string code, string? parent, string path, string level, DateOnly? validTo = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, code, "Hội " + code, level, parent, path, null, new DateOnly(1997, 1, 1), validTo, []);
}
