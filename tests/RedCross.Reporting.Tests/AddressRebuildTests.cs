extern alias reliefhost;

using Grpc.Core;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Relief.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>A real relief host in-process, told the org tree through its own bus; its relay publishes on that bus,
/// which reaches nobody, so reporting learns relief's events only from its log.</summary>
public sealed class ReliefSource : HostFactory<reliefhost::Program>
{

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Relief:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Relief:CatchUp:Interval", "01:00:00");
    }
}

/// <summary>Reporting reading <see cref="ReliefSource"/>'s log over gRPC, with the same key; membership is unreachable.</summary>
public sealed class ReliefLogReporting : HostFactory<Program>
{
    public ReliefSource Relief { get; } = new();

    public new Tokens Tokens => Relief.Tokens;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _ = Relief.Server; // its key file exists before this host reads it
        builder.UseSetting("Auth:KeysDirectory", Relief.KeysFolder);
        builder.UseSetting("Reporting:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:CatchUp:Interval", "01:00:00");
        builder.ConfigureServices(services => services.AddGrpcClient<ReliefEventLog.ReliefEventLogClient>(o => o.Address = Relief.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => Relief.Server.CreateHandler()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Relief.Dispose();
    }
}

public sealed class AddressRebuildTests(ReliefLogReporting reporting) : IClassFixture<ReliefLogReporting>
{
    private static readonly string[] Units = ["01834", "01837", "01852", "058", "06"];

    private HumanitarianAddresses.HumanitarianAddressesClient Addresses => new(reporting.Relief.Channel(reporting.Tokens.DistrictOfficer058));

    private ReportingAdmin.ReportingAdminClient Admin => new(reporting.Channel(reporting.Tokens.ProvinceAdmin));

    /// <summary>The activity value and address figures of one "unit period" line of <see cref="Figures"/>.</summary>
    private static string[] Line(string figures, string unitPeriod) =>
        [.. figures.Split('\n').Single(l => l.StartsWith(unitPeriod + ":", StringComparison.Ordinal)).Split(' ')
            .Where(f => f.StartsWith("relief.addresses.", StringComparison.Ordinal) || f.StartsWith("relief.activity_value_vnd=", StringComparison.Ordinal))];

    private async Task<string> Figures()
    {
        var client = new Contracts.Reporting.V1.Reporting.ReportingClient(reporting.Channel(reporting.Tokens.ProvinceAdmin));
        var lines = new List<string>();
        foreach (var unit in Units)
        {
            foreach (var period in new[] { "2012", "2013", "2013-Q1", "2014" })
            {
                var set = await client.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period });
                lines.Add($"{unit} {period}: " + string.Join(' ', set.Indicators.Where(i => i.Code.StartsWith("relief.", StringComparison.Ordinal)).Select(i => $"{i.Code}={i.Value}")));
            }
        }

        return string.Join('\n', lines);
    }

    private async Task SendTree()
    {
        foreach (var (code, parent, path, level) in new[]
        {
            ("06", (string?)null, "06", "province"), ("058", "06", "06/058", "district"), ("01834", "058", "06/058/01834", "commune"),
            ("01837", "058", "06/058/01837", "commune"), ("01852", "058", "06/058/01852", "commune"),
        })
        {
            var unit = ReplicaTree.Unit(code, parent, path, level);
            await reporting.Relief.Services.GetTestHarness().Bus.Publish(unit, ctx => ctx.MessageId = unit.EventId);
            await reporting.Services.GetTestHarness().Bus.Publish(unit, ctx => ctx.MessageId = unit.EventId);
        }

        // Both replicas have the tree once relief accepts a unit and reporting answers for the deepest one.
        await Eventually.Until(async () =>
        {
            try
            {
                await new Contracts.Reporting.V1.Reporting.ReportingClient(reporting.Channel(reporting.Tokens.ProvinceAdmin))
                    .GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = "01852", Period = "2013" });
                await Addresses.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01852" });
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, done => done, what: "both replicas to know the tree");
    }

    private async Task<HumanitarianAddress> Open(string unit, string on) => await Addresses.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest
    {
        HumanitarianAddress = new HumanitarianAddress { OrgUnit = unit, DisplayName = "Hộ " + unit + " " + on, Situation = "Khó khăn", Needs = "Hỗ trợ", OpenedOn = on },
    });

    private async Task Review(HumanitarianAddress address, string on, string outcome) =>
        await Addresses.ReviewAddressAsync(new ReviewAddressRequest { AddressId = address.Id, Review = new AddressReview { ReviewedOn = on, Outcome = outcome } });

    [Fact]
    public async Task Address_figures_caught_up_from_relief_log_are_reproduced_exactly_by_a_rebuild()
    {
        await SendTree();
        var a = await Open("01834", "2013-02-01");
        await Open("01834", "2012-06-01");
        await Review(await Open("01837", "2012-03-01"), "2013-03-10", "still_eligible");
        await Review(await Open("01852", "2012-01-05"), "2013-08-01", "deceased");
        await Addresses.RecordAssistanceAsync(new RecordAssistanceRequest { AddressId = a.Id, Entry = new AssistanceEntry { OnDate = "2013-07-01", Kind = "cash", ValueVnd = 1_500_000 } });
        await Addresses.CloseAddressAsync(new CloseAddressRequest { Id = a.Id, Reason = "left", ClosedOn = "2014-06-30" });

        var caughtUp = await Admin.CatchUpAsync(new CatchUpRequest());
        Assert.True(caughtUp.Positions["relief"] > 0);
        var before = await Figures();
        // 058 at the end of 2013: a, b, c open; b overdue since June. At the end of 2014: a closed; b and c overdue.
        Assert.Equal(["relief.activity_value_vnd=1500000", "relief.addresses.active=3", "relief.addresses.review_overdue=1"], Line(before, "058 2013"));
        Assert.Equal(["relief.activity_value_vnd=0", "relief.addresses.active=2", "relief.addresses.review_overdue=2"], Line(before, "058 2014"));

        var rebuilt = await Admin.RebuildProjectionsAsync(new RebuildProjectionsRequest { Source = "relief" });
        Assert.True(rebuilt.EventsReplayed >= 9, $"replayed {rebuilt.EventsReplayed}");
        Assert.Equal(before, await Figures());
        Assert.Equal(0, (await Admin.CatchUpAsync(new CatchUpRequest())).EventsApplied);
    }
}
