extern alias membershiphost;

using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>A real membership host in-process; its relay publishes on its own test bus, which reaches
/// nobody, so reporting learns its events only by catching up from its log.</summary>
public sealed class MembershipSource : HostFactory<membershiphost::Program>
{
}

/// <summary>Reporting reading <see cref="MembershipSource"/>'s log over gRPC, with the same key.</summary>
public sealed class CatchUpReporting : HostFactory<Program>
{
    public MembershipSource Membership { get; } = new();

    public new Tokens Tokens => Membership.Tokens;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:KeysDirectory", Membership.KeysFolder);
        builder.UseSetting("Reporting:CatchUp:Interval", "01:00:00"); // the test asks for each catch-up
        builder.ConfigureServices(services => services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>(o => o.Address = Membership.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => Membership.Server.CreateHandler()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Membership.Dispose();
    }
}

public sealed class CatchUpTests(CatchUpReporting reporting) : IClassFixture<CatchUpReporting>
{
    private ReportingAdmin.ReportingAdminClient Admin(string? token = null) => new(reporting.Channel(token ?? reporting.Tokens.ProvinceAdmin));

    private async Task<long> NewMembers(string unit, int year) =>
        (await new Contracts.Reporting.V1.Reporting.ReportingClient(reporting.Channel(reporting.Tokens.ProvinceAdmin))
            .GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = year }))
        .Indicators.Single(i => i.Code == "membership.members.new").Value;

    private async Task<Contracts.Membership.V1.Member> Register(string unit, int year, string name) =>
        await new Members.MembersClient(reporting.Membership.Channel(reporting.Tokens.DistrictOfficer058)).RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = name,
            BirthDate = "1980-02-02",
            Sex = "male",
            OrgUnit = unit,
            JoinedDate = $"{year}-05-05",
        });

    [Fact]
    public async Task Reporting_reaches_the_sources_figures_from_its_log_alone_and_a_second_catch_up_applies_nothing()
    {
        await Register("01834", 2019, "Lê Văn Một");
        await Register("01837", 2019, "Lê Văn Hai");
        await Register("01837", 2019, "Lê Văn Ba");

        var first = await Admin().CatchUpAsync(new CatchUpRequest());
        Assert.True(first.EventsApplied >= 3, $"applied {first.EventsApplied}");
        Assert.Equal(3, await NewMembers("058", 2019));
        Assert.Equal(2, await NewMembers("01837", 2019));

        var second = await Admin().CatchUpAsync(new CatchUpRequest());
        Assert.Equal(0, second.EventsApplied);
        Assert.Equal(first.Positions["membership"], second.Positions["membership"]);

        var status = (await Admin().GetProjectionStatusAsync(new GetProjectionStatusRequest())).Sources.Single(s => s.Source == "membership");
        Assert.Equal(("membership", 0L, ""), (status.Source, status.PositionsBehind, status.LastError));
        Assert.Equal(status.HeadPosition, status.Checkpoint);
    }

    [Fact]
    public async Task An_event_that_arrives_live_and_from_the_log_is_counted_once()
    {
        var member = await Register("01852", 2020, "Phạm Thị Trùng");
        // The very event membership logged, delivered live as well, before the catch-up reads it.
        string payload;
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(reporting.Membership.DataDirectory, "membership.db")}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT Payload FROM outbox WHERE Type = 'MemberRegistered' AND Payload LIKE $id";
            command.Parameters.AddWithValue("$id", $"%{member.Id}%");
            payload = (string)(await command.ExecuteScalarAsync())!;
        }

        var registered = (MemberRegistered)new EventTypeRegistry([new EventTypeRegistration([typeof(MemberRegistered)])]).Deserialize(nameof(MemberRegistered), payload);
        await reporting.Services.GetRequiredService<MassTransit.IBus>().Publish(registered);
        await Admin().CatchUpAsync(new CatchUpRequest());
        Assert.Equal(1, await NewMembers("01852", 2020));
    }

    [Fact]
    public async Task A_broken_event_in_the_log_is_parked_listed_and_does_not_hold_back_the_rest()
    {
        var broken = await Register("01846", 2017, "Hỏng Dữ Liệu");
        await Register("01846", 2017, "Vẫn Đếm");
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(reporting.Membership.DataDirectory, "membership.db")}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "UPDATE outbox SET Payload = '{broken' WHERE Type = 'MemberRegistered' AND Payload LIKE $id";
            command.Parameters.AddWithValue("$id", $"%{broken.Id}%");
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await Admin().CatchUpAsync(new CatchUpRequest());
        Assert.Equal(1, await NewMembers("01846", 2017));
        var parked = (await Admin().ListParkedEventsAsync(new ListParkedEventsRequest())).ParkedEvents.Single(p => p.EventType == "MemberRegistered");
        Assert.Equal("membership", parked.Source);
        Assert.True(parked.Position > 0);
        Assert.False(string.IsNullOrEmpty(parked.Reason));
        Assert.Equal(1, (await Admin().GetProjectionStatusAsync(new GetProjectionStatusRequest())).Sources.Single(s => s.Source == "membership").ParkedEvents);
    }

    [Fact]
    public async Task Anonymising_a_member_who_left_changes_no_report_figure()
    {
        var members = new Members.MembersClient(reporting.Membership.Channel(reporting.Tokens.DistrictOfficer058));
        var leaver = await Register("01849", 2016, "Trịnh Văn Rời");
        await Register("01849", 2016, "Trịnh Thị Ở Lại");
        await members.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = leaver.Id, Status = "left", EffectiveDate = "2016-10-10", Reason = "chuyển đi" });
        await Admin().CatchUpAsync(new CatchUpRequest());
        var reports = new Contracts.Reporting.V1.Reporting.ReportingClient(reporting.Channel(reporting.Tokens.ProvinceAdmin));
        async Task<string> Figures() => string.Join('\n', await Task.WhenAll(new[] { "01849", "058", "06" }.SelectMany(unit => new[] { 2016, 2017 }.Select(async year =>
            unit + " " + year + ": " + (await reports.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = year })).Indicators))));
        var before = await Figures();
        Assert.Contains("\"membership.members.active\"", before, StringComparison.Ordinal);

        var anonymised = await members.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = leaver.Id });
        Assert.NotEqual("Trịnh Văn Rời", anonymised.FullName);
        await Admin().CatchUpAsync(new CatchUpRequest());
        Assert.Equal(before, await Figures());
    }

    [Fact]
    public async Task A_rebuild_of_one_source_ends_equal_to_the_live_projection()
    {
        await Register("01840", 2018, "Đỗ Văn Dựng");
        await Admin().CatchUpAsync(new CatchUpRequest());
        var before = await NewMembers("06", 2018);

        var rebuilt = await Admin().RebuildProjectionsAsync(new RebuildProjectionsRequest { Source = "membership" });
        Assert.True(rebuilt.EventsReplayed > 0);
        Assert.Equal(before, await NewMembers("06", 2018));
        Assert.Equal(0, (await Admin().CatchUpAsync(new CatchUpRequest())).EventsApplied);
    }

    [Fact]
    public async Task Admin_operations_refuse_bad_sources_and_callers_below_the_province()
    {
        Assert.Contains("source", await RpcAssert.InvalidFields(() => Admin().RebuildProjectionsAsync(new RebuildProjectionsRequest { Source = "nowhere" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Admin(reporting.Tokens.DistrictOfficer058).CatchUpAsync(new CatchUpRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Admin(reporting.Tokens.For(Roles.ProvinceAdmin, "06/058")).GetProjectionStatusAsync(new GetProjectionStatusRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Admin(reporting.Tokens.For(Roles.Viewer, "06")).ListParkedEventsAsync(new ListParkedEventsRequest()).ResponseAsync);
        Assert.Contains("page_size", await RpcAssert.InvalidFields(() => Admin().ListParkedEventsAsync(new ListParkedEventsRequest { PageSize = -1 }).ResponseAsync));
    }

    [Fact]
    public async Task The_event_log_is_read_by_service_identities_and_province_admins_only()
    {
        var log = new MembershipEventLog.MembershipEventLogClient(reporting.Membership.Channel(reporting.Tokens.For(Roles.Service, "", scopes: Scopes.EventsRead)));
        Assert.True((await log.DescribeEventLogAsync(new DescribeEventLogRequest())).HeadPosition > 0);
        foreach (var token in new[]
        {
            reporting.Tokens.DistrictOfficer058, reporting.Tokens.For(Roles.ProvinceAdmin, "06/058"), reporting.Tokens.For(Roles.Service, ""),
            reporting.Tokens.For(Roles.Partner, "06", scopes: Scopes.EventsRead),
        })
        {
            var refused = new MembershipEventLog.MembershipEventLogClient(reporting.Membership.Channel(token));
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => refused.DescribeEventLogAsync(new DescribeEventLogRequest()).ResponseAsync);
            await RpcAssert.Fails(StatusCode.PermissionDenied, async () =>
            {
                using var call = refused.StreamEvents(new StreamEventsRequest());
                await call.ResponseStream.MoveNext(CancellationToken.None);
            });
        }
    }
}
