using System.Globalization;
using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests.Faults;

/// <summary>A request whose deadline is shorter than its work returns DeadlineExceeded and the server stops working
/// on it: a streamed member import through the gateway to the real membership process, with a deadline the client
/// sends but does not enforce itself (so the status read is the one membership and the gateway answered, and nothing
/// but membership's own deadline ends the work). Counts in 01840: 2009 for the import cut short, 2010 for one that
/// meets its deadline.</summary>
[Collection(FaultsCollection.Name)]
public sealed class DeadlineTests(Platform platform)
{
    private const int Rows = 40_000; // several seconds of work for membership, far more than the deadline allows
    private const string Unit = "01840";
    private const string Route = "http_route=\"/redcross.membership.v1.Members/ImportMembers\"";

    private static ImportMemberRow Row(int i, string prefix, int year) => new()
    {
        RowNumber = i + 2,
        Member = new RegisterMemberRequest
        {
            FullName = $"{prefix} {Imports.Letters(i)} {Imports.Letters(i / 17_576)}", BirthDate = "1980-01-01", Sex = "female",
            OrgUnit = Unit, JoinedDate = $"{year}-09-09",
        },
    };

    private Task<long> Stored(int year) => Ledger.MembersJoined(platform.MembershipDatabase, "06/058/" + Unit, year);

    /// <summary>MemberRegistered rows of the year's imports in membership's outbox (its event log).</summary>
    private Task<long> Events(int year) => Ledger.Rows(platform.MembershipDatabase, "outbox", "Type = 'MemberRegistered' AND Payload LIKE $joined", ("$joined", $"%{year}-09-09%"));

    /// <summary>Stored members of the year whose own event is in the outbox (ids stored upper case, lower case in JSON).</summary>
    private Task<long> StoredWithEvent(int year) => Ledger.Rows(platform.MembershipDatabase, "members",
        "JoinedDate = $joined AND Id IN (SELECT upper(json_extract(Payload, '$.memberId')) FROM outbox WHERE Type = 'MemberRegistered')", ("$joined", $"{year}-09-09"));

    [Fact]
    public async Task An_import_past_its_deadline_is_DeadlineExceeded_and_membership_stops_writing_at_a_batch_boundary()
    {
        var finishedBefore = await ImportsFinished();
        var generous = new Members.MembersClient(Channels.ServerDeadline(platform.GatewayGrpcPort, platform.Tokens.DistrictOfficer058, TimeSpan.FromMinutes(2)));
        var inTime = await ImportAsync(generous, 100, "Kịp Hạn", 2010);
        Assert.Equal((100, 100), (inTime.RowsReceived, inTime.Created));
        await Eventually.Until(ImportsFinished, n => n == finishedBefore + 1, TimeSpan.FromSeconds(30), "membership to end the import that met its deadline");

        var hurried = new Members.MembersClient(Channels.ServerDeadline(platform.GatewayGrpcPort, platform.Tokens.DistrictOfficer058, TimeSpan.FromSeconds(1)));
        var failed = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(hurried, Rows, "Quá Hạn", 2009));
        Assert.Equal(StatusCode.DeadlineExceeded, failed.StatusCode);

        // Membership ended the call (its request finished) with the work far from done: what it committed is whole
        // batches, each member with its event, and nothing more arrives afterwards.
        await Eventually.Until(ImportsFinished, n => n == finishedBefore + 2, TimeSpan.FromSeconds(30), "membership to end the import past its deadline");
        var stored = await Stored(2009);
        Assert.InRange(stored, 0, Rows - 1_000);
        Assert.Equal(0, stored % 1_000);
        Assert.Equal(stored, await Events(2009));
        Assert.Equal(stored, await StoredWithEvent(2009));
        await Task.Delay(TimeSpan.FromSeconds(3)); // the observation window of a negative: no batch is written late
        Assert.Equal(stored, await Stored(2009));
        Assert.Equal(stored, await Events(2009));
    }

    /// <summary>Sends every row (a send fails once membership has ended the call: the error is the call's status)
    /// and completes the stream, then reads the answer.</summary>
    private static async Task<ImportMembersResponse> ImportAsync(Members.MembersClient members, int rows, string prefix, int year)
    {
        using var call = members.ImportMembers();
        try
        {
            for (var i = 0; i < rows; i++)
            {
                await call.RequestStream.WriteAsync(Row(i, prefix, year));
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // HTTP/2 flow control holds the client once the gateway's and membership's windows are full, so a long
            // file is still being sent when membership ends the call; the answer below says how it ended.
        }

        return await call;
    }

    /// <summary>ImportMembers requests membership has finished (its HTTP server's request counter for the route):
    /// one more once a call's handler has returned, so its work has stopped.</summary>
    private async Task<double> ImportsFinished()
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://localhost:{platform.Membership.HttpPort}/metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains(Route, StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
    }
}
