using Grpc.Core;
using MassTransit;
using MassTransit.Testing;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The reporting host in-process, fed events through the bus as membership would send them.</summary>
public sealed class ReportingFactory : HostFactory<Program>
{
    private readonly ReplicaTree tree = ReplicaTree.District();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // No membership or relief here: events come only through the bus (the catch-up has its own tests).
        builder.UseSetting("Reporting:Sources:Membership", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:Sources:Relief", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:Sources:Awards", "http://127.0.0.1:9");
        builder.UseSetting("Reporting:CatchUp:Interval", "01:00:00");
    }

    public Contracts.Reporting.V1.Reporting.ReportingClient Client(string token) => new(Channel(token));

    public async Task Publish(IIntegrationEvent evt, Guid? messageId = null) =>
        await Services.GetTestHarness().Bus.Publish(evt, evt.GetType(), ctx => ctx.MessageId = messageId ?? evt.EventId);

    /// <summary>Province 06, districts 058 and 060, communes 01834, 01837, 01852 and the closed OLD.</summary>
    public Task EnsureTree() => tree.EnsureSentAsync(Services.GetTestHarness().Bus, async units =>
    {
        foreach (var unit in units)
        {
            await Eventually.Until(() => Knows(unit.OrgUnitCode), known => known, what: $"reporting to know {unit.OrgUnitCode}");
        }
    });

    private async Task<bool> Knows(string code)
    {
        try
        {
            await Client(Tokens.ProvinceAdmin).GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = code, Period = "2013" });
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }
}

public sealed class ReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private Task<Dictionary<string, long>> Annual(string unit, int year, string? token = null) => Indicators(unit, year.ToString(), token);

    private Task<Dictionary<string, long>> Indicators(string unit, string period, string? token = null) =>
        factory.Client(token ?? factory.Tokens.ProvinceAdmin).IndicatorsAsync(unit, period);

    private Task<Dictionary<string, long>> WaitFor(string unit, string period, string code, long value) =>
        factory.Client(factory.Tokens.ProvinceAdmin).WaitForIndicatorAsync(unit, period, code, value);

    private static MemberRegistered Registered(string unit, DateOnly joined, Guid? id = null) =>
        new(Guid.NewGuid(), Now, unit, id ?? Guid.NewGuid(), joined, new DateOnly(1980, 1, 1), "female", false);

    [Fact]
    public async Task Members_are_counted_in_their_commune_district_and_province()
    {
        await factory.EnsureTree();
        await factory.Publish(Registered("01834", new DateOnly(2015, 3, 1)));
        await factory.Publish(Registered("01837", new DateOnly(2015, 11, 1)));
        await factory.Publish(Registered("060", new DateOnly(2015, 5, 1)));

        await WaitFor("06", "2015", "membership.members.new", 3);
        Assert.Equal(2, (await Annual("058", 2015))["membership.members.new"]);
        Assert.Equal(1, (await Annual("01834", 2015))["membership.members.new"]);
        Assert.Equal(1, (await Indicators("058", "2015-Q4"))["membership.members.new"]);
        Assert.Equal(1, (await Indicators("058", "2015-03"))["membership.members.new"]);
        Assert.Equal(2, (await Annual("058", 2015))["membership.members.active"]);
        Assert.Equal(0, (await Indicators("058", "2015-02"))["membership.members.active"]);
    }

    [Fact]
    public async Task A_message_delivered_twice_is_counted_once()
    {
        await factory.EnsureTree();
        var evt = new TrainingHeld(Guid.NewGuid(), Now, "058", Guid.NewGuid(), "Sơ cấp cứu", new DateOnly(2016, 5, 1), new DateOnly(2016, 5, 2), 25);
        await factory.Publish(evt);
        await factory.Publish(evt);
        // One consumer at a time, in order: once a later event is applied, both copies have been handled.
        await factory.Publish(new TrainingHeld(Guid.NewGuid(), Now, "060", Guid.NewGuid(), "Sentinel", new DateOnly(2016, 6, 1), new DateOnly(2016, 6, 1), 1));
        await WaitFor("060", "2016", "membership.trainings.held", 1);

        var values = await Annual("058", 2016);
        Assert.Equal((1L, 25L), (values["membership.trainings.held"], values["membership.trainings.participants"]));
    }

    [Fact]
    public async Task Status_changes_move_members_out_of_the_active_count_from_their_date_whatever_the_arrival_order()
    {
        await factory.EnsureTree();
        var member = Guid.NewGuid();
        // The lapse arrives before the registration it follows.
        await factory.Publish(new MemberStatusChanged(Guid.NewGuid(), Now.AddSeconds(1), "01852", member, "active", "lapsed", new DateOnly(2017, 7, 1)));
        await factory.Publish(Registered("01852", new DateOnly(2017, 1, 10), member));

        await WaitFor("01852", "2017-Q1", "membership.members.active", 1);
        await WaitFor("01852", "2017", "membership.members.active", 0);
        Assert.Equal(1, (await Annual("01852", 2017))["membership.members.new"]);
    }

    [Fact]
    public async Task Money_and_welfare_are_summed_in_whole_vnd()
    {
        await factory.EnsureTree();
        await factory.Publish(new DuesPaid(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), Guid.NewGuid(), 2018, 12, 12_000, 6_000, 3_600, 2_400, new DateOnly(2018, 12, 31)));
        await factory.Publish(new WelfareVisitMade(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), Guid.NewGuid(), "illness", 500_000, new DateOnly(2018, 3, 3)));
        await factory.Publish(new WelfareVisitMade(Guid.NewGuid(), Now, "060", Guid.NewGuid(), Guid.NewGuid(), "accident", 1_000_000, new DateOnly(2018, 3, 4)));
        await factory.Publish(new WelfareContributionReceived(Guid.NewGuid(), Now, "058", Guid.NewGuid(), 2_000_000, new DateOnly(2018, 1, 5)));

        // Each event type is projected in its own batches, so each figure is awaited on its own.
        var province = await WaitFor("06", "2018", "membership.welfare.value_vnd", 1_500_000);
        Assert.Equal(2, province["membership.welfare.visits"]);
        await WaitFor("058", "2018", "membership.dues.collected_vnd", 12_000);
        var town = await WaitFor("058", "2018", "membership.welfare.contributions_vnd", 2_000_000);
        Assert.Equal((1L, 500_000L), (town["membership.welfare.visits"], town["membership.welfare.value_vnd"]));
    }

    [Fact]
    public async Task Voided_facts_no_longer_count_whichever_arrives_first()
    {
        await factory.EnsureTree();
        var kept = new TrainingHeld(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), "Sơ cấp cứu", new DateOnly(2022, 5, 1), new DateOnly(2022, 5, 2), 25);
        var voided = new TrainingHeld(Guid.NewGuid(), Now, "01837", Guid.NewGuid(), "Nhập nhầm", new DateOnly(2022, 6, 1), new DateOnly(2022, 6, 1), 40);
        await factory.Publish(kept);
        await factory.Publish(voided);
        await WaitFor("058", "2022", "membership.trainings.held", 2);

        await factory.Publish(new TrainingVoided(Guid.NewGuid(), Now, "01837", voided.TrainingId, voided.StartDate, voided.ParticipantCount));
        var town = await WaitFor("058", "2022", "membership.trainings.held", 1);
        Assert.Equal(25, town["membership.trainings.participants"]);
        Assert.Equal((0L, 0L), ((await Indicators("01837", "2022-06"))["membership.trainings.held"], (await Indicators("01837", "2022-Q2"))["membership.trainings.participants"]));
        Assert.Equal((1L, 25L), ((await Indicators("058", "2022-H1"))["membership.trainings.held"], (await Indicators("058", "2022-H1"))["membership.trainings.participants"]));
        Assert.Equal(0, (await Indicators("058", "2022-H2"))["membership.trainings.held"]);

        // A void that arrives before its original still nets to nothing.
        var payment = new DuesPaid(Guid.NewGuid(), Now, "01852", Guid.NewGuid(), Guid.NewGuid(), 2022, 12, 12_000, 6_000, 3_600, 2_400, new DateOnly(2022, 3, 3));
        await factory.Publish(new DuesPaymentVoided(Guid.NewGuid(), Now, "01852", payment.PaymentId, payment.MemberId, 2022, 12, 12_000, payment.PaidOn));
        await WaitFor("01852", "2022", "membership.dues.collected_vnd", -12_000);
        await factory.Publish(payment);
        await WaitFor("01852", "2022", "membership.dues.collected_vnd", 0);

        await factory.Publish(new WelfareVisitMade(Guid.NewGuid(), Now, "060", Guid.NewGuid(), Guid.NewGuid(), "illness", 700_000, new DateOnly(2022, 8, 8)));
        var visit = new WelfareVisitMade(Guid.NewGuid(), Now, "060", Guid.NewGuid(), Guid.NewGuid(), "accident", 300_000, new DateOnly(2022, 8, 9));
        await factory.Publish(visit);
        await WaitFor("060", "2022", "membership.welfare.visits", 2);
        await factory.Publish(new WelfareVisitVoided(Guid.NewGuid(), Now, "060", visit.VisitId, visit.MemberId, visit.AmountVnd, visit.VisitedOn));
        await WaitFor("060", "2022", "membership.welfare.value_vnd", 700_000);
        var contribution = new WelfareContributionReceived(Guid.NewGuid(), Now, "060", Guid.NewGuid(), 400_000, new DateOnly(2022, 9, 9));
        await factory.Publish(new WelfareContributionReceived(Guid.NewGuid(), Now, "060", Guid.NewGuid(), 500_000, new DateOnly(2022, 9, 9)));
        await factory.Publish(contribution);
        await factory.Publish(new WelfareContributionVoided(Guid.NewGuid(), Now, "060", contribution.ContributionId, contribution.AmountVnd, contribution.ReceivedOn));
        await WaitFor("060", "2022", "membership.welfare.contributions_vnd", 500_000);
    }

    [Fact]
    public async Task Growth_is_measured_against_the_highest_targets_in_the_subtree()
    {
        await factory.EnsureTree();
        await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "01834", 2019, 4));
        await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "01837", 2019, 6));
        await factory.Publish(Registered("01834", new DateOnly(2019, 2, 2)));
        await factory.Publish(Registered("01837", new DateOnly(2019, 2, 2)));
        await WaitFor("058", "2019", "membership.members.growth_target", 10);
        await WaitFor("058", "2019", "membership.members.new", 2);
        Assert.Equal(20, (await Annual("058", 2019))["membership.members.growth_vs_target_pct"]);

        await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now.AddSeconds(5), "058", 2019, 40));
        await WaitFor("058", "2019", "membership.members.growth_target", 40);
        Assert.Equal(4, (await Annual("01834", 2019))["membership.members.growth_target"]);
        Assert.Equal(5, (await Annual("058", 2019))["membership.members.growth_vs_target_pct"]);
    }

    [Fact]
    public async Task Old_periods_roll_up_by_the_tree_as_it_stood()
    {
        await factory.EnsureTree();
        await factory.Publish(Registered("OLD", new DateOnly(2013, 4, 4)));
        await WaitFor("058", "2013", "membership.members.new", 1);
        // The unit closed mid-2014: its member counts while the unit existed, and nowhere after.
        Assert.Equal(1, (await Annual("OLD", 2014))["membership.members.active"]);
        Assert.Equal(0, (await Indicators("OLD", "2015-Q1"))["membership.members.active"]);
    }

    [Fact]
    public async Task The_annual_report_has_titles_and_labels_in_both_languages()
    {
        await factory.EnsureTree();
        var report = await Eventually.Until(
            async () => { try { return await factory.Client(factory.Tokens.ProvinceAdmin).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 }); } catch (RpcException) { return null; } },
            r => r is not null, what: "the tree to reach the replica");
        Assert.StartsWith("Tổng kết công tác Hội Chữ thập đỏ năm 2013", report!.TitleVi, StringComparison.Ordinal);
        Assert.Contains("2014", report.TitleEn, StringComparison.Ordinal);
        var trainings = report.Indicators.Single(i => i.Code == "membership.trainings.held");
        Assert.Equal(("Lớp tập huấn đã tổ chức", "Training courses held"), (trainings.LabelVi, trainings.LabelEn));
    }

    [Fact]
    public async Task An_event_for_a_unit_that_arrives_later_is_counted_once_the_unit_exists()
    {
        await factory.EnsureTree();
        await WaitFor("058", "2021", "membership.members.new", 0);
        await factory.Publish(Registered("LATE", new DateOnly(2021, 4, 1)));
        await factory.Publish(Registered("01852", new DateOnly(2021, 4, 1)));
        await WaitFor("058", "2021", "membership.members.new", 1);

        await factory.Publish(ReplicaTree.Unit("LATE", "058", "06/058/LATE", "commune"));
        await WaitFor("058", "2021", "membership.members.new", 2);
        Assert.Equal(2, (await Annual("06", 2021))["membership.members.new"]);
    }

    [Fact]
    public async Task A_report_shows_the_name_the_unit_bore_in_its_year()
    {
        await factory.EnsureTree();
        await factory.Publish(new OrgUnitChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, "01837", "Hội phường mới", "commune", "058", "06/058/01837", null,
            new DateOnly(1997, 1, 1), null, [], [new UnitName(new DateOnly(1997, 1, 1), "Hội phường cũ", "commune"), new UnitName(new DateOnly(2015, 1, 1), "Hội phường mới", "commune")]));
        var client = factory.Client(factory.Tokens.ProvinceAdmin);
        async Task<string> NameIn(int year) => (await client.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "01837", Year = year })).OrgUnitName;
        await Eventually.Until(() => NameIn(2016), n => n == "Hội phường mới", what: "the rename to reach the replica");
        Assert.Equal("Hội phường cũ", await NameIn(2014));
        Assert.Equal("Hội phường mới", await NameIn(2015));
    }

    [Fact]
    public async Task Bad_requests_and_other_scopes_are_refused()
    {
        await factory.EnsureTree();
        var client = factory.Client(factory.Tokens.ProvinceAdmin);
        Assert.Contains("period", await RpcAssert.InvalidFields(() => client.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = "058", Period = "2013-Q9" }).ResponseAsync));
        Assert.Contains("year", await RpcAssert.InvalidFields(() => client.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 13 }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => client.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "nowhere", Year = 2013 }).ResponseAsync);
        await Eventually.Until(async () => { try { await Annual("060", 2013); return true; } catch (RpcException) { return false; } }, ok => ok, what: "060 in the replica");
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Annual("060", 2013, factory.Tokens.For(Roles.DistrictOfficer, "06/058")));
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => factory.Client(null!).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new ReportingAdmin.ReportingAdminClient(factory.Channel(factory.Tokens.DistrictOfficer058)).RebuildProjectionsAsync(new RebuildProjectionsRequest()).ResponseAsync);
        // A province_admin role scoped to a district is not a province admin.
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new ReportingAdmin.ReportingAdminClient(factory.Channel(factory.Tokens.For(Roles.ProvinceAdmin, "06/058"))).RebuildProjectionsAsync(new RebuildProjectionsRequest()).ResponseAsync);
    }
}
