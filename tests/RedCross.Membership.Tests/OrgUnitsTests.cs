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
    public async Task A_rename_from_a_date_keeps_the_old_name_for_earlier_periods_and_says_so_in_its_event()
    {
        // Under 060: 058's children are counted by another test of this class.
        var admin = factory.OrgUnits(factory.Tokens.ProvinceAdmin);
        var unit = await admin.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "060-TX", Name = "Chi hội thị xã", Level = "agency", ParentCode = "060", ValidFrom = "2010-01-01" });
        var renamed = await admin.UpdateOrgUnitAsync(new UpdateOrgUnitRequest
        {
            Code = unit.Code, Name = "Chi hội thành phố", Level = "school", EffectiveFrom = "2015-01-01", Etag = unit.Etag,
        });

        Assert.Equal(("Chi hội thành phố", "school"), (renamed.Name, renamed.Level));
        Assert.Equal([("2010-01-01", "Chi hội thị xã", "agency"), ("2015-01-01", "Chi hội thành phố", "school")],
            renamed.Names.Select(n => (n.ValidFrom, n.Name, n.Level)));
        var log = await Read(new MembershipEventLog.MembershipEventLogClient(factory.Channel(factory.Tokens.ProvinceAdmin)), 0, 0);
        var changed = System.Text.Json.JsonSerializer.Deserialize<Contracts.Events.Membership.OrgUnitChanged>(
            log.Last(e => e.EventType == "OrgUnitChanged" && e.PayloadJson.Contains("060-TX", StringComparison.Ordinal)).PayloadJson,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal([(new DateOnly(2010, 1, 1), "Chi hội thị xã"), (new DateOnly(2015, 1, 1), "Chi hội thành phố")], changed.Names!.Select(n => (n.ValidFrom, n.Name)));
    }

    [Fact]
    public async Task A_dated_rename_outside_the_units_life_in_the_future_or_to_another_rank_is_refused_and_changes_nothing()
    {
        var units = factory.OrgUnits(factory.Tokens.ProvinceAdmin);
        var unit = await units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "060-DT", Name = "Chi hội đổi tên", Level = "agency", ParentCode = "060", ValidFrom = "2012-01-01" });
        UpdateOrgUnitRequest Rename(string from, string level = "") => new() { Code = unit.Code, Name = "Tên mới", Level = level, EffectiveFrom = from, Etag = unit.Etag };
        Assert.Contains("effective_from", await RpcAssert.InvalidFields(() => units.UpdateOrgUnitAsync(Rename("2011-12-31")).ResponseAsync));
        Assert.Contains("effective_from", await RpcAssert.InvalidFields(() => units.UpdateOrgUnitAsync(Rename("2999-01-01")).ResponseAsync));
        Assert.Contains("effective_from", await RpcAssert.InvalidFields(() => units.UpdateOrgUnitAsync(Rename("2015-02-30")).ResponseAsync));
        Assert.Contains("level", await RpcAssert.InvalidFields(() => units.UpdateOrgUnitAsync(Rename("2015-01-01", "branch")).ResponseAsync));
        Assert.Contains("level", await RpcAssert.InvalidFields(() => units.UpdateOrgUnitAsync(Rename("2015-01-01", "kingdom")).ResponseAsync));
        var stored = await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = unit.Code });
        Assert.Equal(("Chi hội đổi tên", unit.Etag, 1), (stored.Name, stored.Etag, stored.Names.Count));
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
