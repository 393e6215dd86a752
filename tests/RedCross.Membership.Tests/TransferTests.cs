using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Members move (chuyển sinh hoạt) and units close into successors, with history and events.</summary>
public sealed class TransferTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Members.MembersClient members = factory.Members(factory.Tokens.DistrictOfficer058);
    private readonly OrgUnits.OrgUnitsClient units = factory.OrgUnits(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task A_transfer_is_kept_in_the_history_and_published_with_both_units_and_its_date()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid("01834", "Chuyển Sinh Hoạt"));
        var moved = await members.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "01837", EffectiveDate = "2013-07-01", Reason = "chuyển nhà" });

        Assert.Equal("01837", moved.OrgUnit);
        var transfer = Assert.Single(moved.Transfers);
        Assert.Equal(("01834", "01837", "2013-07-01"), (transfer.FromOrgUnit, transfer.ToOrgUnit, transfer.EffectiveDate));
        var stored = await factory.WithDb(db => db.Members.Include(m => m.History).Include(m => m.Transfers).SingleAsync(m => m.Id == Guid.Parse(member.Id)));
        Assert.Equal(("06/058/01834", "06/058/01837"), (stored.UnitPathOn(new DateOnly(2013, 6, 30)), stored.UnitPathOn(new DateOnly(2013, 12, 31))));
        Assert.Equal("06/058/01837", stored.OrgUnitPath);
        await factory.Services.Published<MemberTransferred>(p => p.Context.Message.MemberId == Guid.Parse(member.Id)
            && p.Context.Message is { FromOrgUnitCode: "01834", OrgUnitCode: "01837", Status: "active" } && p.Context.Message.EffectiveDate == new DateOnly(2013, 7, 1));

        // The history stays in order: nothing may predate the move.
        Assert.Equal("EFFECTIVE_DATE_BEFORE_LAST_CHANGE", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => members.ChangeMemberStatusAsync(
            new ChangeMemberStatusRequest { Id = member.Id, Status = "lapsed", EffectiveDate = "2013-06-01" }).ResponseAsync));
    }

    [Fact]
    public async Task A_transfer_over_rest_answers_the_moved_member()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid("01834", "Chuyển Qua Rest"));
        using var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        var response = await rest.PostAsJsonAsync($"/api/v1/members/{member.Id}:transfer", new { orgUnit = "01840", effectiveDate = "2014-02-01" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("01840", body.RootElement.GetProperty("orgUnit").GetString());
        Assert.Equal("01834", body.RootElement.GetProperty("transfers")[0].GetProperty("fromOrgUnit").GetString());
    }

    [Fact]
    public async Task Transfers_refuse_bad_input_unknown_ids_other_subtrees_and_no_ops()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid("01834", "Chuyển Sai"));
        Assert.Equal(["id", "org_unit", "effective_date"], await RpcAssert.InvalidFields(() => members.TransferMemberAsync(
            new TransferMemberRequest { Id = "x", EffectiveDate = "01/07/2013" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => members.TransferMemberAsync(new TransferMemberRequest { Id = Guid.NewGuid().ToString(), OrgUnit = "01837" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => members.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "nowhere" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => members.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "060" }).ResponseAsync);
        var branch = factory.Members(factory.Tokens.For(Roles.BranchOfficer, "06/058/01837"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => branch.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "01837" }).ResponseAsync);
        Assert.Equal("SAME_UNIT", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => members.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "01834" }).ResponseAsync));
        Assert.Equal("EFFECTIVE_DATE_BEFORE_LAST_CHANGE", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => members.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "01837", EffectiveDate = "2012-01-01" }).ResponseAsync));
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => members.TransferMemberAsync(new TransferMemberRequest { Id = member.Id, OrgUnit = "01837", Etag = "99" }).ResponseAsync));
    }

    [Fact]
    public async Task Closing_a_unit_moves_its_current_members_to_the_successor_in_the_same_operation()
    {
        var staying = await members.RegisterMemberAsync(MembershipFactory.Valid("01855", "Sáp Nhập Một"));
        var gone = await members.RegisterMemberAsync(MembershipFactory.Valid("01855", "Sáp Nhập Hai"));
        await members.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = gone.Id, Status = "left", EffectiveDate = "2014-01-01" });

        var closed = await units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = "01855", ValidTo = "2016-06-30", SuccessorCodes = { "01852" } });

        Assert.Equal("2016-06-30", closed.ValidTo);
        var moved = await members.GetMemberAsync(new GetMemberRequest { Id = staying.Id });
        Assert.Equal(("01852", "2016-07-01"), (moved.OrgUnit, Assert.Single(moved.Transfers).EffectiveDate));
        Assert.Equal("01855", (await members.GetMemberAsync(new GetMemberRequest { Id = gone.Id })).OrgUnit);
        await factory.Services.Published<MemberTransferred>(p => p.Context.Message.MemberId == Guid.Parse(staying.Id)
            && p.Context.Message is { FromOrgUnitCode: "01855", OrgUnitCode: "01852" } && p.Context.Message.EffectiveDate == new DateOnly(2016, 7, 1));
        await factory.Services.Published<OrgUnitChanged>(p => p.Context.Message.OrgUnitCode == "01855" && p.Context.Message.ValidTo == new DateOnly(2016, 6, 30));
    }

    [Fact]
    public async Task A_unit_with_members_and_no_successor_cannot_close()
    {
        await members.RegisterMemberAsync(MembershipFactory.Valid("01849", "Không Nơi Đến"));
        var before = await factory.OutboxCount();

        Assert.Equal("HAS_MEMBERS", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = "01849", ValidTo = "2016-06-30" }).ResponseAsync));
        Assert.Empty((await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "01849" })).ValidTo);
        Assert.Equal(before, await factory.OutboxCount());
        await RpcAssert.Fails(StatusCode.NotFound, () => units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = "01849", ValidTo = "2016-06-30", SuccessorCodes = { "nowhere" } }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = "01849", ValidTo = "2016-06-30", SuccessorCodes = { "060" } }).ResponseAsync);
    }
}
