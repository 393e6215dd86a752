using System.Globalization;
using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests.Faults;

/// <summary>Relief killed with SIGKILL in the middle of a streamed beneficiary import (the client has sent part of the
/// list and is still sending): what it had committed stays, whole batches only, each beneficiary with its event; the
/// rest was never acknowledged. Importing the same list again stores the rest and nothing twice, and reporting counts
/// every stored beneficiary once. Counts in 01837 (registrations are dated on the server's day, so the unit, not the
/// year, keeps the figures this test's own).</summary>
[Collection(FaultsCollection.Name)]
public sealed class ReliefImportKillTests(Platform platform)
{
    private const int Rows = 5_000;
    private const int SentBeforeKill = 2_500; // relief commits batches of 1,000: at most 2,000 of these can be stored
    private const string Unit = "01837";
    private const string UnitPath = "06/058/" + Unit;

    /// <summary>Every 250th row is invalid (its birth date is no date): reported failed, never stored.</summary>
    private static ImportBeneficiaryRow Row(int i) => new()
    {
        RowNumber = i + 2,
        Beneficiary = new Beneficiary
        {
            Kind = "person", FullName = $"Cứu Trợ Bị Ngắt {Imports.Letters(i)} {Imports.Letters(i / 17_576)}", BirthDate = i % 250 == 249 ? "1945-02-30" : "1945-02-02",
            Categories = { "poor" }, OrgUnit = Unit,
        },
    };

    private static readonly int Valid = Enumerable.Range(0, Rows).Count(i => i % 250 != 249);

    private Beneficiaries.BeneficiariesClient Client => new(Channels.Local(platform.ReliefGrpcPort, platform.Tokens.DistrictOfficer058));

    private Task<long> Stored() => Ledger.Rows(platform.ReliefDatabase, "beneficiaries", "OrgUnitPath = $path", ("$path", UnitPath));

    /// <summary>BeneficiaryRegistered rows of the unit in relief's outbox (its event log): one per stored beneficiary.</summary>
    private Task<long> Events() => Ledger.Rows(platform.ReliefDatabase, "outbox", "Type = 'BeneficiaryRegistered' AND json_extract(Payload, '$.orgUnitCode') = $unit", ("$unit", Unit));

    /// <summary>Stored beneficiaries of the unit whose own event is in the outbox (ids are stored upper case, the
    /// event's JSON writes them lower case).</summary>
    private Task<long> StoredWithEvent() => Ledger.Rows(platform.ReliefDatabase, "beneficiaries",
        "OrgUnitPath = $path AND Id IN (SELECT upper(json_extract(Payload, '$.beneficiaryId')) FROM outbox WHERE Type = 'BeneficiaryRegistered')", ("$path", UnitPath));

    [Fact]
    public async Task Killed_mid_import_it_keeps_whole_batches_only_and_the_same_list_again_completes_it_without_duplicates()
    {
        await ReliefKnowsTheUnitAsync();
        var registered = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime).Year.ToString(CultureInfo.InvariantCulture);
        using (var call = Client.ImportBeneficiaries())
        {
            for (var i = 0; i < SentBeforeKill; i++)
            {
                await call.RequestStream.WriteAsync(Row(i));
            }

            // The stream stays open: relief is killed once it has committed a batch, with rows sent and not stored.
            await Eventually.Until(Stored, n => n >= 1_000, TimeSpan.FromSeconds(120), "relief to commit a first batch");
            await platform.Relief.KillAsync();
            var failed = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.NotEqual(StatusCode.OK, failed.StatusCode);
        }

        try
        {
            var storedAtKill = await Stored();
            Assert.InRange(storedAtKill, 1_000, SentBeforeKill - 1);
            Assert.Equal(0, storedAtKill % 1_000);
            Assert.Equal(storedAtKill, await Events());
            Assert.Equal(storedAtKill, await StoredWithEvent());
        }
        finally
        {
            await platform.Relief.StartAsync();
        }

        var storedBefore = await Stored();
        var again = await ImportAllAsync();
        Assert.Equal((Rows, Rows - Valid), (again.RowsReceived, again.Failed));
        Assert.Equal(((int)storedBefore, Valid - (int)storedBefore), (again.Duplicates, again.Created));
        Assert.Equal(Valid, await Stored());
        Assert.Equal(Valid, await Events());
        Assert.Equal(Valid, await StoredWithEvent());

        var reporting = new Reporting.ReportingClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin));
        async Task<long> Counted()
        {
            var report = await reporting.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = Unit, Period = registered });
            return report.Indicators.Single(i => i.Code == "relief.beneficiaries.registered").Value;
        }

        await Eventually.Until(Counted, v => v == Valid, TimeSpan.FromSeconds(120), $"reporting to count the {Valid} imported beneficiaries");
        await Eventually.Until(() => Ledger.Unsent(platform.ReliefDatabase), n => n == 0, TimeSpan.FromSeconds(60), "relief's outbox to be published");
        await new ReportingAdmin.ReportingAdminClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin)).CatchUpAsync(new CatchUpRequest());
        Assert.Equal(Valid, await Counted());
    }

    /// <summary>Relief learns the tree from membership's log after it starts; until then it refuses the unit.</summary>
    private Task ReliefKnowsTheUnitAsync() => Eventually.Until(async () =>
    {
        try
        {
            await Client.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = Unit, PageSize = 1 });
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }, known => known, TimeSpan.FromSeconds(60), $"relief to know unit {Unit}");

    private async Task<ImportBeneficiariesResponse> ImportAllAsync()
    {
        using var call = Client.ImportBeneficiaries();
        for (var i = 0; i < Rows; i++)
        {
            await call.RequestStream.WriteAsync(Row(i));
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
