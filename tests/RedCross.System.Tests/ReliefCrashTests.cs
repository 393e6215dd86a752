using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>Relief killed with SIGKILL while its outbox still holds committed, unpublished events (a whole list
/// distributed at one event, acknowledged the moment before): restarted, it loses nothing in reporting and counts
/// nothing twice, reconciled against relief's own tables and the acknowledged batch.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReliefCrashTests(Platform platform)
{
    private const int People = 5_000;
    private const long Each = 10_000;
    private const string Unit = "01849";

    private Beneficiaries.BeneficiariesClient Beneficiaries => new(Channels.Local(platform.ReliefGrpcPort, platform.Tokens.DistrictOfficer058));

    private async Task<long> Indicator(string unit, string period, string code)
    {
        try
        {
            var set = await new Reporting.ReportingClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin))
                .GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period });
            return set.Indicators.Single(i => i.Code == code).Value;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable)
        {
            return -1;
        }
    }

    [Fact]
    public async Task Killed_right_after_acknowledging_a_whole_list_relief_restarts_and_reporting_gets_every_gift_once()
    {
        var registeredYear = VietnamToday().Year.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        var ids = await ImportPeopleAsync();
        await Eventually.Until(() => Indicator(Unit, registeredYear, "relief.beneficiaries.registered"), v => v == People, TimeSpan.FromSeconds(120),
            "the registrations to be counted before the gifts");
        var officer = Channels.Local(platform.ReliefGrpcPort, platform.Tokens.DistrictOfficer058);
        var sponsor = await new Sponsors.SponsorsClient(officer).CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Nhà tài trợ sự cố", OrgUnit = "058" } });
        var donation = await new Donations.DonationsClient(officer).CreateDonationAsync(new CreateDonationRequest
        {
            Donation = new Donation { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = People * Each, ReceivedOn = "2006-01-05" },
        });

        var batch = await new Distributions.DistributionsClient(officer).BatchCreateDistributionsAsync(new BatchCreateDistributionsRequest
        {
            Requests =
            {
                ids.Select(id => new CreateDistributionRequest
                {
                    Distribution = new Distribution { BeneficiaryId = id, Kind = "cash", ValueVnd = Each, SourceKind = "donation", DonationId = donation.Id, HandedOverAt = "2006-01-28T09:00" },
                }),
            },
        });
        await platform.Relief.KillAsync();

        // The fault landed where it claims: acknowledged gifts were still unpublished in relief's outbox, and reporting
        // had not counted them all.
        Assert.Equal(People, batch.Distributions.Count);
        var unsent = await Ledger.Unsent(platform.ReliefDatabase);
        Assert.True(unsent > 0, "relief had published every event before the kill: nothing was pending");
        var countedAtKill = await Indicator(Unit, "2006", "relief.activity_value_vnd");
        Assert.True(countedAtKill < People * Each, $"reporting had counted {countedAtKill} of {People * Each} VND before the kill");

        await platform.Relief.StartAsync();
        var ledger = await Ledger.Distributions(platform.ReliefDatabase, "06/058/" + Unit, 2006);
        Assert.Equal((People, People * Each), ledger);
        await Eventually.Until(() => Indicator(Unit, "2006", "relief.activity_value_vnd"), v => v == ledger.Value, TimeSpan.FromSeconds(120),
            "reporting to count every acknowledged gift");
        await Eventually.Until(() => Indicator(Unit, "2006", "relief.beneficiaries.reached"), v => v == ledger.Count, TimeSpan.FromSeconds(60),
            "reporting to count every handover");
        // Nothing counted twice: the relay republishes what it had not marked sent, and the catch-up reads the log too.
        await new ReportingAdmin.ReportingAdminClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin)).CatchUpAsync(new CatchUpRequest());
        Assert.Equal(ledger.Value, await Indicator(Unit, "2006", "relief.activity_value_vnd"));
        Assert.Equal((await Ledger.Distributions(platform.ReliefDatabase, "06/058", 2006)).Value, await Indicator("058", "2006", "relief.activity_value_vnd"));
        Assert.Equal(People, await Indicator(Unit, registeredYear, "relief.beneficiaries.registered"));
    }

    private async Task<List<string>> ImportPeopleAsync()
    {
        // Relief learns the tree from membership's log after it starts.
        await Eventually.Until(async () =>
        {
            try
            {
                await Beneficiaries.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = Unit, PageSize = 1 });
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, known => known, TimeSpan.FromSeconds(60), $"relief to know unit {Unit}");
        using var call = Beneficiaries.ImportBeneficiaries();
        for (var i = 0; i < People; i++)
        {
            await call.RequestStream.WriteAsync(new ImportBeneficiaryRow
            {
                RowNumber = i + 2,
                Beneficiary = new Beneficiary
                {
                    Kind = "person", FullName = $"Nhận Quà Sự Cố {Imports.Letters(i)} {Imports.Letters(i / 17_576)}", BirthDate = "1945-02-02",
                    Categories = { "poor" }, OrgUnit = Unit,
                },
            });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(People, (await call).Created);
        var ids = new List<string>();
        var request = new ListBeneficiariesRequest { OrgUnit = Unit, Query = "nhan qua su co", PageSize = 1000 };
        do
        {
            var page = await Beneficiaries.ListBeneficiariesAsync(request);
            ids.AddRange(page.Beneficiaries.Select(b => b.Id));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return ids;
    }

    private static DateOnly VietnamToday() => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);
}
