using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>End to end over the microservices deployment. Each test counts in its own year (or unit),
/// so the shared deployment never mixes their figures.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformTests(Platform platform)
{
    private const string NewMembers = "membership.members.new";

    private Members.MembersClient Members(string? token = null) => new(platform.GatewayChannel(token ?? platform.Tokens.DistrictOfficer058));

    private static RegisterMemberRequest Member(string name, string unit, int year) => new()
    {
        FullName = name,
        BirthDate = "1980-01-01",
        Sex = "female",
        OrgUnit = unit,
        JoinedDate = $"{year}-06-15",
    };

    /// <summary>The year's indicators of a unit, read through the gateway's REST route to reporting.</summary>
    private async Task<long> Indicator(string unit, int year, string code)
    {
        using var rest = platform.GatewayRest(platform.Tokens.ProvinceAdmin);
        var response = await rest.GetAsync($"/api/v1/orgUnits/{unit}/annualReports/{year}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return -1; // the replica has not learnt the unit yet
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("indicators").EnumerateArray()
            .Where(i => i.GetProperty("code").GetString() == code)
            .Select(i => i.GetProperty("value"))
            .Select(v => v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt64())
            .Single();
    }

    private Task<long> WaitFor(string unit, int year, long expected, TimeSpan? timeout = null) =>
        Eventually.Until(() => Indicator(unit, year, NewMembers), v => v == expected, timeout ?? TimeSpan.FromSeconds(60), $"{unit} {year} new members = {expected}");

    [Fact]
    public async Task Members_registered_through_the_gateway_by_grpc_and_rest_are_counted_in_commune_district_and_province()
    {
        await Members().RegisterMemberAsync(Member("Nguyễn Thị Gateway", "01834", 2013));
        using var rest = platform.GatewayRest(platform.Tokens.DistrictOfficer058);
        var response = await rest.PostAsJsonAsync("/api/v1/members", new { fullName = "Trần Văn Rest", birthDate = "1975-05-05", sex = "male", orgUnit = "01837", joinedDate = "2013-08-08" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await WaitFor("06", 2013, 2);
        Assert.Equal(2, await Indicator("058", 2013, NewMembers));
        Assert.Equal(1, await Indicator("01834", 2013, NewMembers));
        Assert.Equal(0, await Indicator("060", 2013, NewMembers));

        var listed = await Members().ListMembersAsync(new ListMembersRequest { Query = "tran van rest" });
        Assert.Equal("01837", Assert.Single(listed.Members).OrgUnit);
    }

    [Fact]
    public async Task The_gateway_and_the_services_refuse_bad_tokens_and_other_scopes()
    {
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => Members("not-a-token").ListMembersAsync(new ListMembersRequest()).ResponseAsync);
        var expired = platform.Tokens.For(Roles.DistrictOfficer, "06/058", TimeSpan.FromMinutes(1), DateTime.UtcNow.AddHours(-1));
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => Members(expired).ListMembersAsync(new ListMembersRequest()).ResponseAsync);
        using (var anonymous = platform.GatewayRest(null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/members")).StatusCode);
        }

        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => Members().RegisterMemberAsync(Member("Ngoài Phạm Vi", "060", 2013)).ResponseAsync));
        // Straight to the service, past the gateway: it checks the token itself.
        var direct = new Members.MembersClient(Channels.Local(platform.MembershipGrpcPort, null));
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => direct.ListMembersAsync(new ListMembersRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Only_the_identity_signs_every_host_refuses_the_old_shared_key_and_any_other_signer()
    {
        var issuer = platform.Tokens.Keys.Issuer;
        // A host that made itself a key ring (as every pod could make tokens with the shared signing.key before) signs
        // under the identity's issuer; and the HS256 shape of the old shared key.
        var forgeries = new[] { Forgery.OtherKey(issuer), Forgery.Hs256(issuer) };
        var admin = platform.Tokens.ProvinceAdmin;
        foreach (var port in new[] { platform.MembershipGrpcPort, platform.ReliefGrpcPort, platform.CampaignGrpcPort, platform.AwardsGrpcPort, platform.ReportingGrpcPort })
        {
            Assert.NotNull(await new OutboxAdmin.OutboxAdminClient(Channels.Local(port, admin)).GetOutboxStatusAsync(new GetOutboxStatusRequest()));
            foreach (var forged in forgeries)
            {
                await RpcAssert.Fails(StatusCode.Unauthenticated, () => new OutboxAdmin.OutboxAdminClient(Channels.Local(port, forged)).GetOutboxStatusAsync(new GetOutboxStatusRequest()).ResponseAsync);
            }
        }

        foreach (var forged in forgeries)
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, () => Members(forged).ListMembersAsync(new ListMembersRequest()).ResponseAsync);
        }

        Assert.NotNull(await Members(admin).ListMembersAsync(new ListMembersRequest()));
    }

    [Fact]
    public async Task Registrations_made_while_the_broker_is_down_are_counted_after_it_returns()
    {
        await WaitFor("058", 2014, 0);
        await platform.Rabbit.StopAppAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await Members().RegisterMemberAsync(Member($"Mất Điện Số {(char)('A' + i)}", "01843", 2014));
            }

            Assert.Equal(0, await Indicator("058", 2014, NewMembers));
        }
        finally
        {
            await platform.Rabbit.StartAppAsync();
        }

        await WaitFor("058", 2014, 5, TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task A_message_delivered_twice_is_counted_once()
    {
        var member = await Members().RegisterMemberAsync(Member("Hai Lần Gửi", "01852", 2016));
        await WaitFor("01852", 2016, 1);
        var duplicatesBefore = await DuplicatesSkipped();

        // Make the relay send the same outbox row again: same MessageId, a real second delivery.
        await using (var db = new SqliteConnection($"Data Source={platform.MembershipDatabase}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "UPDATE outbox SET SentAt = NULL WHERE Type = 'MemberRegistered' AND Payload LIKE $id";
            command.Parameters.AddWithValue("$id", $"%{member.Id}%");
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await Eventually.Until(DuplicatesSkipped, n => n > duplicatesBefore, TimeSpan.FromSeconds(60), "reporting to skip the redelivery");
        Assert.Equal(1, await Indicator("01852", 2016, NewMembers));
    }

    [Fact]
    public async Task Reporting_killed_mid_stream_loses_and_doubles_nothing()
    {
        const int rows = 4000;
        using (var call = Members().ImportMembers())
        {
            for (var i = 0; i < rows; i++)
            {
                await call.RequestStream.WriteAsync(new ImportMemberRow { RowNumber = i + 2, Member = Member("Nhập Hàng Loạt " + Letters(i), "01840", 2015) });
            }

            await call.RequestStream.CompleteAsync();
            Assert.Equal(rows, (await call).Created);
        }

        var atKill = await Eventually.Until(() => Indicator("01840", 2015, NewMembers), v => v > 0, TimeSpan.FromSeconds(60), "consumption to begin");
        await platform.Reporting.KillAsync();
        Assert.True(atKill < rows, $"reporting had already counted all {rows} rows before the kill; the test needs a bigger import");

        await platform.StartReportingAsync();
        await WaitFor("01840", 2015, rows, TimeSpan.FromSeconds(180));
        await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d == 0, TimeSpan.FromSeconds(60), "the queue to drain");
        Assert.Equal(rows, await Indicator("01840", 2015, NewMembers));
        // Membership's backlog gauge shows the outbox emptied.
        await Eventually.Until(() => Metric(platform.Membership.HttpPort, "redcross_outbox_backlog"), n => n == 0, TimeSpan.FromSeconds(30), "the outbox backlog gauge to read 0");
    }

    [Fact]
    public async Task A_rebuilt_projection_equals_the_live_one()
    {
        await Members().RegisterMemberAsync(Member("Dựng Lại", "01855", 2017));
        await WaitFor("058", 2017, 1);
        var admin = platform.GatewayChannel(platform.Tokens.ProvinceAdmin);
        var reports = new Reporting.ReportingClient(admin);
        async Task<string> Snapshot()
        {
            var years = new List<string>();
            for (var year = 2013; year <= 2017; year++)
            {
                years.Add((await reports.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "06", Year = year })).ToString());
            }

            return string.Join('\n', years);
        }

        // Let in-flight work settle, so the live figures are final before they are compared.
        await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d == 0, TimeSpan.FromSeconds(60), "the queue to drain");
        var live = await Snapshot();
        var result = await new ReportingAdmin.ReportingAdminClient(admin).RebuildProjectionsAsync(new RebuildProjectionsRequest());
        Assert.True(result.EventsReplayed >= 18);
        Assert.Equal(live, await Snapshot());
    }

    private static string Letters(int i) => new([(char)('a' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26))]);

    private Task<double> DuplicatesSkipped() => Metric(platform.Reporting.HttpPort, "redcross_events_duplicates_total");

    /// <summary>Sum of a Prometheus metric's samples (-1 while the host has not reported it yet).</summary>
    private static async Task<double> Metric(int httpPort, string name)
    {
        using var http = new HttpClient();
        var samples = (await http.GetStringAsync($"http://localhost:{httpPort}/metrics")).Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture)).ToList();
        return samples.Count == 0 ? -1 : samples.Sum();
    }
}
