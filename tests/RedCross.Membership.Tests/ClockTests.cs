using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>The membership host on a clock the test moves.</summary>
public sealed class ClockedMembershipFactory : HostFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class ClockTests(ClockedMembershipFactory factory) : IClassFixture<ClockedMembershipFactory>
{
    [Fact]
    public async Task Today_and_the_future_come_from_the_injected_clock()
    {
        // A token valid for weeks, so it does not matter which clock the token validation reads.
        var token = factory.Tokens.For(Roles.DistrictOfficer, "06/058", TimeSpan.FromDays(30));
        var members = new Members.MembersClient(factory.Channel(token));
        factory.Clock.Advance(TimeSpan.FromDays(3));
        var today = factory.Clock.VietnamToday();

        var member = await members.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Đồng Hồ Giả",
            BirthDate = "1990-01-01",
            Sex = "male",
            OrgUnit = "01834",
            JoinedDate = today.ToString("yyyy-MM-dd"),
        });
        var left = await members.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "left" });
        Assert.Equal(today.ToString("yyyy-MM-dd"), left.StatusHistory.Single().EffectiveDate);

        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Contains("effective_date", await RpcAssert.InvalidFields(() => members.ChangeMemberStatusAsync(
            new ChangeMemberStatusRequest { Id = member.Id, Status = "active", EffectiveDate = tomorrow }).ResponseAsync));
    }
}
