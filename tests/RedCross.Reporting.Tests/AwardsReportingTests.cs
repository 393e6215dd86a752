extern alias awardshost;

using Grpc.Core;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>A real awards host in-process, told the tree and the members through its own bus; its relay publishes on
/// that bus, which reaches nobody, so reporting learns awards' events only from its log.</summary>
public sealed class AwardsSource : HostFactory<awardshost::Program>
{

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Awards:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Awards:Sources:Campaign", "http://127.0.0.1:9");
        builder.UseSetting("Awards:CatchUp:Interval", "01:00:00");
    }
}

/// <summary>Reporting reading <see cref="AwardsSource"/>'s log over gRPC, with the same key; the other sources are unreachable.</summary>
public sealed class AwardsLogReporting : HostFactory<Program>
{
    public AwardsSource Awards { get; } = new();

    public new Tokens Tokens => Awards.Tokens;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _ = Awards.Server; // its key file exists before this host reads it
        builder.UseSetting("Auth:KeysDirectory", Awards.KeysFolder);
        builder.UseSetting("Reporting:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:Sources:Relief", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:CatchUp:Interval", "01:00:00");
        builder.ConfigureServices(services => services.AddGrpcClient<AwardsEventLog.AwardsEventLogClient>(o => o.Address = Awards.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => Awards.Server.CreateHandler()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Awards.Dispose();
    }
}

/// <summary>The seed's commendations (F6-F8), recorded through awards' API exactly as the report tells them, read back
/// from the 2013 report of Bắc Kạn town (058) by issuer.</summary>
public sealed class AwardsReportingTests(AwardsLogReporting reporting) : IClassFixture<AwardsLogReporting>
{
    private static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];

    private Nominations.NominationsClient Officer058 => new(reporting.Awards.Channel(reporting.Tokens.DistrictOfficer058));

    private Nominations.NominationsClient Province06 => new(reporting.Awards.Channel(reporting.Tokens.ProvinceAdmin));

    private async Task SendWorld(IReadOnlyList<Guid> members)
    {
        var events = new List<IIntegrationEvent>
        {
            ReplicaTree.Unit("06", null, "06", "province"), ReplicaTree.Unit("058", "06", "06/058", "district"),
        };
        events.AddRange(Communes.Select(c => ReplicaTree.Unit(c, "058", "06/058/" + c, "commune")));
        events.AddRange(members.Select((m, i) => new MemberRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, Communes[i % Communes.Length], m,
            new DateOnly(2008, 1, 1), new DateOnly(1985, 1, 1), "female", false)));
        foreach (var e in events)
        {
            await reporting.Awards.Services.GetTestHarness().Bus.Publish((object)e, ctx => ctx.MessageId = e.EventId);
            if (e is OrgUnitCreated)
            {
                await reporting.Services.GetTestHarness().Bus.Publish((object)e, ctx => ctx.MessageId = e.EventId);
            }
        }

        var issuers = new Issuers.IssuersClient(reporting.Awards.Channel(reporting.Tokens.ProvinceAdmin));
        // Awards knows the tree and the last member once it accepts a nomination of them; reporting once it answers for 058.
        await Eventually.Until(async () =>
        {
            try
            {
                await issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = Issuer("058-HDTDKT", "district_emulation_council", "058") });
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, done => done, what: "awards to know the tree");
        await issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = Issuer("058-HCTD", "district_red_cross", "058") });
        await issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = Issuer("06-HCTD", "provincial_red_cross", "06", 750_000, 400_000) });
    }

    private static Issuer Issuer(string code, string kind, string unit, long collective = 0, long individual = 0) => new()
    {
        Code = code, Kind = kind, OrgUnit = unit, Name = code,
        Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = collective, CashIndividualVnd = individual } },
    };

    private async Task<Nomination> Commend(string issuer, string movement, Recipient recipient, Nominations.NominationsClient decider, string decidedOn)
    {
        var nomination = await Eventually.Until(async () =>
        {
            try
            {
                return await Officer058.CreateNominationAsync(new CreateNominationRequest
                {
                    Nomination = new Nomination { IssuerCode = issuer, FormKind = "certificate_of_merit", Movement = movement, Year = 2013, ProposerOrgUnit = "058", Recipient = recipient },
                    Submit = true,
                    SubmittedOn = "2013-12-20",
                });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return null; // the member is not in awards' replica yet
            }
        }, n => n is not null, what: "awards to know the recipient");
        return await decider.ApproveNominationAsync(new ApproveNominationRequest { Id = nomination!.Id, DecisionNumber = "QĐ-" + issuer, DecisionDate = decidedOn });
    }

    private static Recipient Unit(string code) => new() { Kind = "org_unit", OrgUnit = code };

    private static Recipient Member(Guid id) => new() { Kind = "member", Id = id.ToString() };

    private async Task<Dictionary<string, long>> Report(string unit) => Indicators(await FullReport(unit));

    private Task<AnnualReport> FullReport(string unit) =>
        new Contracts.Reporting.V1.Reporting.ReportingClient(reporting.Channel(reporting.Tokens.ProvinceAdmin))
            .GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = 2013 }).ResponseAsync;

    private static Dictionary<string, long> Indicators(AnnualReport report) =>
        report.Indicators.Where(i => i.Code.StartsWith("awards.", StringComparison.Ordinal)).ToDictionary(i => i.Code, i => i.Value);

    [Fact]
    public async Task The_seeds_commendations_appear_in_the_2013_report_of_058_by_issuer_and_a_rebuild_reproduces_them()
    {
        var members = Enumerable.Range(0, 9).Select(_ => Guid.CreateVersion7()).ToList();
        await SendWorld(members);

        // F6: the town Emulation & Commendation Council, blood donation: 2 collectives and 4 individuals.
        foreach (var unit in new[] { "01834", "01837" })
        {
            await Commend("058-HDTDKT", "blood_donation", Unit(unit), Officer058, "2013-12-27");
        }

        foreach (var member in members.Take(4))
        {
            await Commend("058-HDTDKT", "blood_donation", Member(member), Officer058, "2013-12-27");
        }

        // F7: the provincial Red Cross: 2 collectives and 5 individuals with the form's cash, 3,500,000 VND in total. Its
        // decision is dated January 2014 and still counts for 2013's work.
        foreach (var unit in new[] { "01840", "01843" })
        {
            await Commend("06-HCTD", "society_work", Unit(unit), Province06, "2014-01-10");
        }

        foreach (var member in members.Skip(4))
        {
            await Commend("06-HCTD", "society_work", Member(member), Province06, "2014-01-10");
        }

        // F8: the town Red Cross: 2 collectives for Society work; a third, approved by mistake, is revoked.
        foreach (var unit in new[] { "01846", "01849" })
        {
            await Commend("058-HCTD", "society_work", Unit(unit), Officer058, "2013-12-30");
        }

        var mistaken = await Commend("058-HCTD", "society_work", Unit("01852"), Officer058, "2013-12-30");
        await Officer058.RevokeCommendationAsync(new RevokeCommendationRequest { Id = mistaken.Id, Reason = "QĐ 2/QĐ-HCTD thu hồi", RevokedOn = "2014-01-05" });

        var admin = new ReportingAdmin.ReportingAdminClient(reporting.Channel(reporting.Tokens.ProvinceAdmin));
        Assert.True((await admin.CatchUpAsync(new CatchUpRequest())).Positions["awards"] > 0);
        var town = await Eventually.Until(async () =>
        {
            try
            {
                return await Report("058");
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return [];
            }
        }, r => r.Count > 0, what: "reporting to know 058");

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["awards.commendations.collective"] = 6,
                ["awards.commendations.individual"] = 9,
                ["awards.cash_vnd"] = 3_500_000,
                ["awards.commendations.collective.district_emulation_council"] = 2,
                ["awards.commendations.individual.district_emulation_council"] = 4,
                ["awards.cash_vnd.district_emulation_council"] = 0,
                ["awards.commendations.collective.provincial_red_cross"] = 2,
                ["awards.commendations.individual.provincial_red_cross"] = 5,
                ["awards.cash_vnd.provincial_red_cross"] = 3_500_000,
                ["awards.commendations.collective.district_red_cross"] = 2,
                ["awards.commendations.individual.district_red_cross"] = 0,
                ["awards.cash_vnd.district_red_cross"] = 0,
            },
            town.Where(i => i.Value != 0 || i.Key.Contains("district_", StringComparison.Ordinal) || i.Key.EndsWith("provincial_red_cross", StringComparison.Ordinal))
                .ToDictionary());
        Assert.All(town.Where(i => i.Key.Contains("peoples_committee", StringComparison.Ordinal) || i.Key.Contains("central", StringComparison.Ordinal)), i => Assert.Equal(0, i.Value));
        Assert.Equal(town, await Report("06"));
        Assert.Equal(1_500_000, (await Report("01840"))["awards.cash_vnd"] + (await Report("01843"))["awards.cash_vnd"]);

        // The report's commendations section: one line per issuer, form and movement, named in Vietnamese, the revoked one gone.
        var lines = (await FullReport("058")).Commendations;
        Assert.Equal(
            [
                new ReportCommendation { Issuer = "Hội đồng Thi đua - Khen thưởng cấp huyện (Hội 058)", Form = "Giấy khen", Movement = "blood_donation", Collectives = 2, Individuals = 4 },
                new ReportCommendation { Issuer = "Hội Chữ thập đỏ cấp huyện (Hội 058)", Form = "Giấy khen", Movement = "society_work", Collectives = 2 },
                new ReportCommendation { Issuer = "Hội Chữ thập đỏ tỉnh (Hội 06)", Form = "Giấy khen", Movement = "society_work", Collectives = 2, Individuals = 5, CashVnd = 3_500_000 },
            ],
            lines);
        Assert.Equal(lines, (await FullReport("06")).Commendations);

        var rebuilt = await admin.RebuildProjectionsAsync(new RebuildProjectionsRequest { Source = "awards" });
        Assert.True(rebuilt.EventsReplayed >= 17, $"replayed {rebuilt.EventsReplayed}");
        Assert.Equal(town, await Report("058"));
        Assert.Equal(lines, (await FullReport("058")).Commendations);
    }
}
