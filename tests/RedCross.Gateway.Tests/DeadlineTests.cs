using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>The caller's deadline crosses the gateway: the backend sees it (grpc-timeout is forwarded), the
/// caller gets DeadlineExceeded, and the backend's cancellation token fires so its work stops.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync();

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task A_deadline_shorter_than_the_work_is_DeadlineExceeded_and_the_backend_stops()
    {
        var units = new OrgUnits.OrgUnitsClient(gateway.Grpc(gateway.Tokens.ProvinceAdmin));
        // A first call opens the connections, so the slow call's deadline is spent at the backend, not on setup.
        await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" });
        var deadline = DateTime.UtcNow.AddSeconds(1);

        await RpcAssert.Fails(StatusCode.DeadlineExceeded, async () =>
            await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "slow" }, deadline: deadline));

        var seen = await gateway.Backend.Slow.Deadline.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(DateTime.MaxValue, seen);
        Assert.True(seen <= deadline.AddSeconds(1), $"the backend saw a deadline of {seen:O}, the caller set {deadline:O}");
        await gateway.Backend.Slow.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
