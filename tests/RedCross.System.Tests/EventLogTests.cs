using System.Text;
using Grpc.Core;
using RabbitMQ.Client;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>The event log is the truth and the bus only makes it fast, over a real RabbitMQ node: what the
/// broker never delivered, reporting reads from membership's log by itself.</summary>
internal static class Imports
{
    public static async Task<int> MembersAsync(Members.MembersClient members, int rows, string unit, int year, string prefix)
    {
        using var call = members.ImportMembers();
        for (var i = 0; i < rows; i++)
        {
            await call.RequestStream.WriteAsync(new ImportMemberRow
            {
                RowNumber = i + 2,
                Member = new RegisterMemberRequest
                {
                    FullName = $"{prefix} {Letters(i)} {Letters(i / 17_576)}",
                    BirthDate = "1980-01-01",
                    Sex = "female",
                    OrgUnit = unit,
                    JoinedDate = $"{year}-06-15",
                },
            });
        }

        await call.RequestStream.CompleteAsync();
        return (await call).Created;
    }

    public static async Task<long> NewMembers(GrpcChannelSource reporting, string unit, int year)
    {
        try
        {
            return (await new Reporting.ReportingClient(reporting()).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = year }))
                .Indicators.Single(i => i.Code == "membership.members.new").Value;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable)
        {
            return -1; // the unit is not in the replica yet, or the host is not up
        }
    }

    public static string Letters(int i) => new([(char)('a' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26))]);
}

internal delegate Grpc.Net.Client.GrpcChannel GrpcChannelSource();

public sealed class LateReportingTests(LateReportingPlatform platform) : IClassFixture<LateReportingPlatform>
{
    [Fact]
    public async Task Reporting_started_after_10000_events_were_published_to_a_fresh_broker_reaches_the_figures_by_itself()
    {
        const int rows = 10_000;
        var admin = platform.Tokens.ProvinceAdmin;
        var members = new Members.MembersClient(Channels.Local(platform.MembershipGrpcPort, platform.Tokens.DistrictOfficer058));
        Assert.Equal(rows, await Imports.MembersAsync(members, rows, "01846", 2010, "Đến Muộn"));
        var outbox = new OutboxAdmin.OutboxAdminClient(Channels.Local(platform.MembershipGrpcPort, admin));
        await Eventually.Until(async () => (await outbox.GetOutboxStatusAsync(new GetOutboxStatusRequest())).Outboxes.Single().Pending, p => p == 0,
            TimeSpan.FromSeconds(120), "membership to publish every event");
        // Published to a broker where no queue was bound: the bus delivered them to nobody.
        Assert.Null(await platform.Rabbit.QueueDepth("reporting"));

        await platform.StartReportingAsync();
        GrpcChannelSource reporting = () => Channels.Local(platform.ReportingGrpcPort, admin);
        await Eventually.Until(() => Imports.NewMembers(reporting, "058", 2010), v => v == rows, TimeSpan.FromSeconds(180), "reporting to catch up 10,000 members");
        Assert.Equal(rows, await Imports.NewMembers(reporting, "06", 2010));
    }
}

[Collection(PlatformCollection.Name)]
public sealed class BusFaultTests(Platform platform)
{
    private GrpcChannelSource Reporting => () => Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin);

    private Members.MembersClient Members => new(Channels.Local(platform.MembershipGrpcPort, platform.Tokens.DistrictOfficer058));

    private ConnectionFactory Broker() => new() { HostName = "localhost", Port = platform.Rabbit.Port };

    [Fact]
    public async Task Purging_reportings_queue_mid_stream_loses_nothing()
    {
        // The stream is cut in the middle: a first part counted live, then reporting stops consuming (killed) while
        // the rest waits in its durable queue, and that rest is purged. How fast the machine is decides nothing.
        const int counted = 2_000, purgedRows = 8_000;
        Assert.Equal(counted, await Imports.MembersAsync(Members, counted, "01843", 2011, "Xoá Hàng Đợi Trước"));
        await Eventually.Until(() => Imports.NewMembers(Reporting, "01843", 2011), v => v == counted, TimeSpan.FromSeconds(120), "the first part to be counted live");
        await platform.Reporting.KillAsync();
        Assert.Equal(purgedRows, await Imports.MembersAsync(Members, purgedRows, "01843", 2011, "Xoá Hàng Đợi Sau"));

        uint purged;
        await using (var connection = await Broker().CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await Eventually.Until(async () => (await channel.QueueDeclarePassiveAsync("reporting")).MessageCount, n => n >= purgedRows,
                TimeSpan.FromSeconds(120), "the relay to queue the second part");
            purged = await channel.QueuePurgeAsync("reporting"); // the broker says how many waiting messages it dropped
        }

        Assert.True(purged >= purgedRows, $"the purge dropped {purged} messages, fewer than the {purgedRows} pending");
        await platform.StartReportingAsync();
        await Eventually.Until(() => Imports.NewMembers(Reporting, "01843", 2011), v => v == counted + purgedRows, TimeSpan.FromSeconds(120),
            "the catch-up to restore what the purge dropped");
        var admin = new ReportingAdmin.ReportingAdminClient(Reporting());
        await admin.CatchUpAsync(new CatchUpRequest());
        Assert.Equal(0, (await admin.GetProjectionStatusAsync(new GetProjectionStatusRequest())).Sources.Single(s => s.Source == "membership").PositionsBehind);
        Assert.Equal(counted + purgedRows, await Imports.NewMembers(Reporting, "01843", 2011));
    }

    [Fact]
    public async Task A_malformed_message_in_reportings_queue_is_parked_alone_and_the_rest_flows()
    {
        await using (var connection = await Broker().CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString(), Persistent = true };
            await channel.BasicPublishAsync(string.Empty, "reporting", mandatory: true, properties, Encoding.UTF8.GetBytes("{\"messageType\": [\"urn:message:oops\"], \"message\": {not json"));
        }

        await Members.RegisterMemberAsync(new RegisterMemberRequest { FullName = "Sau Thư Hỏng", BirthDate = "1979-09-09", Sex = "male", OrgUnit = "01849", JoinedDate = "2009-03-03" });
        await Eventually.Until(() => Imports.NewMembers(Reporting, "01849", 2009), v => v == 1, TimeSpan.FromSeconds(60), "the member after the bad message to be counted");

        var admin = new ReportingAdmin.ReportingAdminClient(Reporting());
        var parked = await Eventually.Until(async () => (await admin.ListParkedEventsAsync(new ListParkedEventsRequest())).ParkedEvents.Where(p => p.Source == "bus").ToList(),
            p => p.Count > 0, TimeSpan.FromSeconds(30), "the bad message to be parked");
        Assert.Single(parked);
        Assert.False(string.IsNullOrEmpty(parked[0].Reason));
        Assert.Equal(1, (await admin.GetProjectionStatusAsync(new GetProjectionStatusRequest())).ParkedEvents);
    }

    [Fact]
    public async Task A_rebuild_while_members_and_units_keep_being_written_ends_equal_to_the_ledger()
    {
        var officer = Members;
        var units = new OrgUnits.OrgUnitsClient(Channels.Local(platform.MembershipGrpcPort, platform.Tokens.ProvinceAdmin));
        using var stop = new CancellationTokenSource();
        var created = new global::System.Collections.Concurrent.ConcurrentBag<string>();
        var writes = 0;

        // Units keep being created under 058 (org events), and members registered into them and into 01855.
        var unitWriter = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var code = $"RB{i:D3}";
                await units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = code, Name = "Chi hội dựng lại " + code, Level = "agency", ParentCode = "058", ValidFrom = "2000-01-01" });
                created.Add(code);
            }
        });
        var memberWriters = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var unit = created.IsEmpty || i % 2 == 0 ? "01855" : created.First();
                await officer.RegisterMemberAsync(new RegisterMemberRequest
                {
                    FullName = $"Dựng Trong Khi Ghi {(char)('a' + w)} {Imports.Letters(i)}",
                    BirthDate = "1970-01-01",
                    Sex = "male",
                    OrgUnit = unit,
                    JoinedDate = "2008-08-08",
                });
                Interlocked.Increment(ref writes);
            }
        })).ToList();

        // A writer that fails (its exception) ends the wait at once instead of timing out in silence.
        Task<int> Progress()
        {
            var failed = memberWriters.Append(unitWriter).FirstOrDefault(t => t.IsFaulted);
            return failed is null ? Task.FromResult(Volatile.Read(ref writes)) : Task.FromException<int>(failed.Exception!.InnerException!);
        }
        await Eventually.Until(Progress, n => n >= 100, TimeSpan.FromSeconds(60), "writes to flow");
        var admin = new ReportingAdmin.ReportingAdminClient(Reporting());
        var rebuilt = await admin.RebuildProjectionsAsync(new RebuildProjectionsRequest { Source = "membership" });
        var writesDuringRebuild = Volatile.Read(ref writes);
        await Eventually.Until(Progress, n => n >= writesDuringRebuild + 100, TimeSpan.FromSeconds(60), "writes to go on after the rebuild");
        await stop.CancelAsync();
        await Task.WhenAll([unitWriter, .. memberWriters]);
        Assert.True(rebuilt.EventsReplayed > 0);

        var outbox = new OutboxAdmin.OutboxAdminClient(Channels.Local(platform.MembershipGrpcPort, platform.Tokens.ProvinceAdmin));
        await Eventually.Until(async () => (await outbox.GetOutboxStatusAsync(new GetOutboxStatusRequest())).Outboxes.Single().Pending, p => p == 0, TimeSpan.FromSeconds(60), "membership to publish everything");
        var ledger = await Ledger.MembersJoined(platform.MembershipDatabase, "06/058", 2008);
        await Eventually.Until(() => Imports.NewMembers(Reporting, "058", 2008), v => v == ledger, TimeSpan.FromSeconds(120), $"058 to count the ledger's {ledger} members");
        foreach (var code in created)
        {
            Assert.True(await Imports.NewMembers(Reporting, code, 2008) >= 0, $"unit {code} created during the rebuild is missing from reporting's replica");
        }

        // Nothing went to the error queue because the rebuild held the database.
        Assert.True(await platform.Rabbit.QueueDepth("reporting_error") is null or 0);
        Assert.Equal(ledger, await Imports.NewMembers(Reporting, "06", 2008));
    }
}
