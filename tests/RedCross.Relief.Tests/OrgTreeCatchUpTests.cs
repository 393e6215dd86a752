extern alias membershiphost;

using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>A real membership host in-process; its relay publishes on its own test bus, which reaches nobody,
/// so relief learns the tree only by catching up from membership's log with its service identity.</summary>
public sealed class MembershipSource : HostFactory<membershiphost::Program>
{
}

/// <summary>Relief reading <see cref="MembershipSource"/>'s log over gRPC, with the same key.</summary>
public sealed class CatchingUpRelief : HostFactory<Program>
{
    public MembershipSource Membership { get; } = new();

    public new Tokens Tokens => Membership.Tokens;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:KeysDirectory", Membership.KeysFolder);
        builder.UseSetting("Relief:CatchUp:Interval", "01:00:00"); // the test asks for each later catch-up
        builder.ConfigureServices(services => services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>(o => o.Address = Membership.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => Membership.Server.CreateHandler()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Membership.Dispose();
    }
}

public sealed class OrgTreeCatchUpTests(CatchingUpRelief relief) : IClassFixture<CatchingUpRelief>
{
    private async Task<int> Replicated(string code)
    {
        await using var scope = relief.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReliefDb>().Set<ReplicatedOrgUnit>().CountAsync(u => u.Code == code);
    }

    private async Task CatchUp()
    {
        await using var scope = relief.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventCatchUp<ReliefDb>>().RunAsync(null, CancellationToken.None);
    }

    [Fact]
    public async Task Relief_replicates_membership_tree_from_its_log_and_accepts_a_unit_only_once_it_knows_it()
    {
        // Membership seeds its reference tree at start; relief's first catch-up reads it from the log.
        _ = relief.Membership.Server;
        await CatchUp();
        await Eventually.Until(() => Replicated("01834"), n => n == 1, what: "01834 to be replicated");

        var beneficiaries = new Beneficiaries.BeneficiariesClient(relief.Channel(relief.Tokens.DistrictOfficer058));
        var request = new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Hà Văn Mới", unit: "01834-CH09") };
        await RpcAssert.Fails(StatusCode.NotFound, () => beneficiaries.CreateBeneficiaryAsync(request).ResponseAsync);

        await new OrgUnits.OrgUnitsClient(relief.Membership.Channel(relief.Tokens.DistrictOfficer058)).CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            Code = "01834-CH09", Name = "Chi hội thôn 9", Level = "branch", ParentCode = "01834", ValidFrom = "2010-01-01",
        });
        await CatchUp();
        Assert.Equal(1, await Replicated("01834-CH09"));
        Assert.Equal("01834-CH09", (await beneficiaries.CreateBeneficiaryAsync(request)).OrgUnit);
    }

    [Fact]
    public async Task Relief_serves_its_event_log_to_service_identities_and_province_admins_only()
    {
        _ = relief.Membership.Server;
        await CatchUp();
        await Eventually.Until(() => Replicated("01837"), n => n == 1, what: "01837 to be replicated");
        await new Beneficiaries.BeneficiariesClient(relief.Channel(relief.Tokens.DistrictOfficer058))
            .CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Ma Thị Nhật Ký", unit: "01837") });

        var service = new ReliefEventLog.ReliefEventLogClient(relief.Channel(relief.Tokens.For(Roles.Service, "/", null, null, Scopes.EventsRead)));
        var types = new List<string>();
        using (var call = service.StreamEvents(new Contracts.Common.V1.StreamEventsRequest()))
        {
            await foreach (var envelope in call.ResponseStream.ReadAllAsync())
            {
                types.Add(envelope.EventType);
                Assert.DoesNotContain("Ma Thị", envelope.PayloadJson, StringComparison.Ordinal);
            }
        }

        Assert.Contains("BeneficiaryRegistered", types);
        Assert.True((await service.DescribeEventLogAsync(new Contracts.Common.V1.DescribeEventLogRequest())).HeadPosition >= 1);
        var officer = new ReliefEventLog.ReliefEventLogClient(relief.Channel(relief.Tokens.DistrictOfficer058));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => officer.DescribeEventLogAsync(new Contracts.Common.V1.DescribeEventLogRequest()).ResponseAsync);
    }
}
