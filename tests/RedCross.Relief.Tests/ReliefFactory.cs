using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly ReplicaTree tree = ReplicaTree.District();

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
    public Task EnsureTree() => tree.EnsureSentAsync(Services.GetTestHarness().Bus, units =>
        Eventually.Until(() => WithDb(db => db.Set<ReplicatedOrgUnit>().CountAsync()), n => n == units.Count, what: "the org tree to be replicated"));

    /// <summary>Reads the database as it is once the read entries queued so far are written (they are batched).</summary>
    internal async Task<T> WithDb<T>(Func<ReliefDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditReads<ReliefDb>>().FlushAsync(CancellationToken.None);
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
}
