using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

public sealed class OrgUnitsTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly OrgUnits.OrgUnitsClient units = factory.OrgUnits(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task The_reference_tree_of_Bac_Kan_is_loaded_on_first_start()
    {
        var town = await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "058" });
        Assert.Equal(("06/058", "district", "058"), (town.Path, town.Level, town.AdminAreaCode));
        var communes = await units.ListOrgUnitsAsync(new ListOrgUnitsRequest { Code = "058" });
        Assert.Equal(["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"], communes.OrgUnits.Select(u => u.Code));
        var districts = await factory.OrgUnits(factory.Tokens.ProvinceAdmin).ListOrgUnitsAsync(new ListOrgUnitsRequest { Code = "06" });
        Assert.Equal(8, districts.OrgUnits.Count);
        var ancestors = await units.ListOrgUnitsAsync(new ListOrgUnitsRequest { Code = "01834", Relation = "ancestors" });
        Assert.Equal(["06", "058"], ancestors.OrgUnits.Select(u => u.Code));
    }

    [Fact]
    public async Task Branches_are_created_below_communes_and_merges_are_effective_dated()
    {
        var a = await units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "01834-CH01", Name = "Chi hội tổ 1", Level = "branch", ParentCode = "01834", ValidFrom = "2010-01-01" });
        var b = await units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "01834-CH02", Name = "Chi hội tổ 2", Level = "branch", ParentCode = "01834", ValidFrom = "2010-01-01" });
        Assert.Equal("06/058/01834/01834-CH01", a.Path);
        var merged = await units.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            Code = "01834-CH12",
            Name = "Chi hội tổ 1-2",
            Level = "branch",
            ParentCode = "01834",
            ValidFrom = "2020-01-01",
            PredecessorCodes = { a.Code, b.Code },
        });
        await units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = a.Code, ValidTo = "2019-12-31", SuccessorCodes = { merged.Code } });
        await units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = b.Code, ValidTo = "2019-12-31", SuccessorCodes = { merged.Code } });

        var in2013 = await units.ListOrgUnitsAsync(new ListOrgUnitsRequest { Code = "01834", AsOf = "2013-06-30" });
        var in2021 = await units.ListOrgUnitsAsync(new ListOrgUnitsRequest { Code = "01834", AsOf = "2021-06-30" });
        Assert.Equal(["01834-CH01", "01834-CH02"], in2013.OrgUnits.Select(u => u.Code));
        Assert.Equal(["01834-CH12"], in2021.OrgUnits.Select(u => u.Code));

        Assert.Equal("ORG_UNIT_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = a.Code, ValidTo = "2020-01-01" }).ResponseAsync));
    }

    [Fact]
    public async Task Bad_creates_are_refused()
    {
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "01837", Name = "x", Level = "commune", ParentCode = "058", AdminAreaCode = "01837" }).ResponseAsync);
        Assert.Contains("level", await RpcAssert.InvalidFields(() => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "X1", Name = "x", Level = "district", ParentCode = "01837" }).ResponseAsync));
        var fields = await RpcAssert.InvalidFields(() => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "bad code!", Name = "", Level = "village", ParentCode = "058" }).ResponseAsync);
        Assert.Equal(["code", "name", "level"], fields);
        Assert.Contains("admin_area_code", await RpcAssert.InvalidFields(() => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "X2", Name = "x", Level = "commune", ParentCode = "058", AdminAreaCode = "123" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "X3", Name = "x", Level = "branch", ParentCode = "nope" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "X4", Name = "x", Level = "commune", ParentCode = "064" }).ResponseAsync);
    }

    [Fact]
    public async Task Rename_needs_the_current_etag()
    {
        var unit = await units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "01837-CH09", Name = "Chi hội 9", Level = "branch", ParentCode = "01837" });
        var renamed = await units.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { Code = unit.Code, Name = "Chi hội số 9", Etag = unit.Etag });
        Assert.Equal("Chi hội số 9", renamed.Name);
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => units.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { Code = unit.Code, Name = "Khác", Etag = unit.Etag }).ResponseAsync));
    }

    [Fact]
    public async Task The_event_log_streams_from_a_position_in_order_for_admins_only()
    {
        var log = new MembershipEventLog.MembershipEventLogClient(factory.Channel(factory.Tokens.ProvinceAdmin));
        var all = await Read(log, 0, 0);
        Assert.True(all.Count >= 17);
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal("OrgUnitCreated", all[0].EventType);
        var tail = await Read(log, all[4].Position, 3);
        Assert.Equal(all.Skip(5).Take(3).Select(e => e.EventId), tail.Select(e => e.EventId));

        var officerLog = new MembershipEventLog.MembershipEventLogClient(factory.Channel(factory.Tokens.DistrictOfficer058));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Read(officerLog, 0, 0));
        Assert.Contains("after_position", await RpcAssert.InvalidFields(() => Read(log, -1, 0)));
    }

    private static async Task<List<EventEnvelope>> Read(MembershipEventLog.MembershipEventLogClient log, long after, int max)
    {
        using var call = log.StreamEvents(new StreamEventsRequest { AfterPosition = after, MaxEvents = max });
        var events = new List<EventEnvelope>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }
}
