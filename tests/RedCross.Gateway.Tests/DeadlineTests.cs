using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>The caller's deadline crosses the gateway: the backend sees it (grpc-timeout is forwarded), the
/// caller gets DeadlineExceeded, and the backend's cancellation token fires so its work stops. A backend that
/// ends a call at its deadline while the caller is still streaming rows is forwarded as it answered.</summary>
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

    [Fact]
    public async Task A_backend_that_ends_a_call_at_its_deadline_while_the_request_still_streams_is_DeadlineExceeded()
    {
        // The caller does not enforce the deadline itself: what it reads is what the gateway answered.
        var members = new Members.MembersClient(Channels.ServerDeadline(gateway.GrpcPort, gateway.Tokens.ProvinceAdmin, TimeSpan.FromSeconds(1)));
        using var call = members.ImportMembers();
        await call.RequestStream.WriteAsync(new ImportMemberRow { RowNumber = 2, Member = new RegisterMemberRequest { FullName = "slow" } });
        await call.RequestStream.WriteAsync(new ImportMemberRow { RowNumber = 3, Member = new RegisterMemberRequest { FullName = "Còn Đang Gửi" } });

        // The request stream stays open, so the gateway is still forwarding it when the backend answers
        // DeadlineExceeded and resets the stream (as gRPC does at a deadline).
        await RpcAssert.Fails(StatusCode.DeadlineExceeded, () => call.ResponseAsync);
        await gateway.Backend.Slow.ImportStopped.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
