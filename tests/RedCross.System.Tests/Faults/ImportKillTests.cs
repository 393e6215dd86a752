using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests.Faults;

/// <summary>Membership killed with SIGKILL in the middle of a streamed import (the client has sent part of the file and
/// is still sending): what it had committed stays, whole rows only, each with its event; the rest was never
/// acknowledged. Importing the same file again stores the rest and nothing twice, and reporting counts every stored
/// member once. Counts in 2007, in 01852.</summary>
[Collection(FaultsCollection.Name)]
public sealed class ImportKillTests(Platform platform)
{
    private const int Rows = 5_000;
    private const int SentBeforeKill = 2_500; // membership commits batches of 1,000: at most 2,000 of these can be stored
    private const string Unit = "01852";
    private const string Joined = "2007-07-07";

    /// <summary>Every 250th row is invalid (its birth date is no date): reported failed, never stored.</summary>
    private static ImportMemberRow Row(int i) => new()
    {
        RowNumber = i + 2,
        Member = new RegisterMemberRequest
        {
            FullName = $"Nhập Bị Ngắt {Imports.Letters(i)} {Imports.Letters(i / 17_576)}", BirthDate = i % 250 == 249 ? "1980-02-30" : "1980-01-01",
            Sex = "male", OrgUnit = Unit, JoinedDate = Joined,
        },
    };

    private static readonly int Valid = Enumerable.Range(0, Rows).Count(i => i % 250 != 249);

    private Task<long> Stored() => Ledger.MembersJoined(platform.MembershipDatabase, "06/058/" + Unit, 2007);

    /// <summary>MemberRegistered rows of this import in membership's outbox (its event log): one per stored member.</summary>
    private Task<long> Events() => Ledger.Rows(platform.MembershipDatabase, "outbox", "Type = 'MemberRegistered' AND Payload LIKE $joined", ("$joined", $"%{Joined}%"));

    [Fact]
    public async Task Killed_mid_import_it_keeps_whole_rows_only_and_the_same_import_again_completes_it_without_duplicates()
    {
        var members = new Members.MembersClient(Channels.Local(platform.MembershipGrpcPort, platform.Tokens.DistrictOfficer058));
        using (var call = members.ImportMembers())
        {
            for (var i = 0; i < SentBeforeKill; i++)
            {
                await call.RequestStream.WriteAsync(Row(i));
            }

            // The stream stays open: membership is killed once it has committed a batch, with rows sent and not stored.
            await Eventually.Until(Stored, n => n >= 1_000, TimeSpan.FromSeconds(120), "membership to commit a first batch");
            await platform.Membership.KillAsync();
            var failed = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.NotEqual(StatusCode.OK, failed.StatusCode);
        }

        try
        {
            var storedAtKill = await Stored();
            Assert.InRange(storedAtKill, 1_000, SentBeforeKill - 1);
            Assert.Equal(storedAtKill, await Events());
        }
        finally
        {
            await platform.Membership.StartAsync();
        }

        var storedBefore = await Stored();
        var again = await ImportAllAsync(members);
        Assert.Equal((Rows, Rows - Valid), (again.RowsReceived, again.Failed));
        Assert.Equal(((int)storedBefore, Valid - (int)storedBefore), (again.Duplicates, again.Created));
        Assert.Equal(Valid, await Stored());
        Assert.Equal(Valid, await Events());

        var reporting = new Reporting.ReportingClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin));
        async Task<long> Counted()
        {
            var report = await reporting.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = Unit, Period = "2007" });
            return report.Indicators.Single(i => i.Code == "membership.members.new").Value;
        }

        await Eventually.Until(Counted, v => v == Valid, TimeSpan.FromSeconds(120), $"reporting to count the {Valid} imported members");
        await Eventually.Until(() => Ledger.Unsent(platform.MembershipDatabase), n => n == 0, TimeSpan.FromSeconds(60), "membership's outbox to be published");
        await new ReportingAdmin.ReportingAdminClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin)).CatchUpAsync(new CatchUpRequest());
        Assert.Equal(Valid, await Counted());
    }

    private static async Task<ImportMembersResponse> ImportAllAsync(Members.MembersClient members)
    {
        using var call = members.ImportMembers();
        for (var i = 0; i < Rows; i++)
        {
            await call.RequestStream.WriteAsync(Row(i));
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
