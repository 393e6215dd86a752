using System.Text;
using System.Text.Json;
using Grpc.Core;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Hand-in on a host of its own: 058's 2013 report issued, then a late 2013 gift. The issued version keeps
/// its figures, the gift is listed as an amendment with its difference, the province's hand-in view shows 058 as
/// amended, and the issue and the amendment are events in reporting's log.</summary>
public sealed class HandInTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool seeded;

    private Contracts.Reporting.V1.Reporting.ReportingClient Admin => factory.Client(factory.Tokens.ProvinceAdmin);

    private Contracts.Reporting.V1.Reporting.ReportingClient Officer => factory.Client(factory.Tokens.DistrictOfficer058);

    private static IssueAnnualReportRequest Issue(string unit, string number, int year = 2013) => new()
    {
        OrgUnit = unit, Year = year, Number = number, IssuedOn = $"{year + 1}-01-10", SignerName = "Nguyễn Văn An", SignerTitle = "Chủ tịch",
    };

    private async Task Seed()
    {
        await SeedGate.WaitAsync();
        try
        {
            if (!seeded)
            {
                await factory.EnsureTree();
                await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "058", 2013, 40));
                await factory.Publish(new MemberRegistered(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), new DateOnly(2013, 3, 1), new DateOnly(1980, 1, 1), "female", false));
                await factory.Publish(Gift("01834", 202_323_000, new DateOnly(2013, 6, 1)));
                await Eventually.Until(() => Figure("058", "relief.activity_value_vnd"), v => v == 202_323_000, what: "058's 2013 gift");
                await Eventually.Until(() => Figure("058", "membership.members.new"), v => v == 1, what: "058's 2013 member");
                seeded = true;
            }
        }
        finally
        {
            SeedGate.Release();
        }
    }

    /// <summary>Today's figure (GetIndicators is always live, issued or not).</summary>
    private async Task<long> Figure(string unit, string code) =>
        (await Admin.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = "2013" })).Indicators.FirstOrDefault(i => i.Code == code)?.Value ?? 0;

    private static DistributionRecorded Gift(string unit, long value, DateOnly on) =>
        new(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "cash", value, "sponsor_direct", null, Guid.NewGuid(), null, on);

    private async Task<Dictionary<string, AnnualReportHandIn>> HandIns(string unit = "06") =>
        (await Admin.ListAnnualReportHandInsAsync(new ListAnnualReportHandInsRequest { OrgUnit = unit, Year = 2013 })).HandIns.ToDictionary(h => h.OrgUnit);

    [Fact]
    public async Task An_issued_report_keeps_its_figures_a_late_gift_is_an_amendment_and_the_province_sees_058_amended()
    {
        await Seed();
        var draft = await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        Assert.Null(draft.Issue);
        Assert.Equal("not_issued", (await HandIns())["058"].Status);

        var issue = await Officer.IssueAnnualReportAsync(Issue("058", "12"));
        Assert.Equal(("12", "2014-01-10", "Nguyễn Văn An", "Chủ tịch", 1, "test-district_officer@06/058"),
            (issue.Number, issue.IssuedOn, issue.SignerName, issue.SignerTitle, issue.Version, issue.IssuedBy));
        var views = await HandIns();
        Assert.Equal(("issued", "12"), (views["058"].Status, views["058"].Issue.Number));
        // The whole subtree in tree order: districts and their communes, the unit asked for excluded (060 is another test's).
        Assert.Equal(["058", "01834", "01837", "01852", "OLD", "060"], views.Keys);
        Assert.All(views.Values.Where(v => v.ParentOrgUnit == "058"), v => Assert.Equal(("not_issued", null), (v.Status, v.Issue)));

        // A late 2013 gift, recorded after the issue.
        await factory.Publish(Gift("01837", 50_000_000, new DateOnly(2013, 12, 20)));
        await Eventually.Until(() => Figure("058", "relief.activity_value_vnd"), v => v == 252_323_000, what: "the late gift");

        var shown = await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        Assert.Equal(202_323_000, shown.Indicators.Single(i => i.Code == "relief.activity_value_vnd").Value);
        Assert.Equal(("12", 1), (shown.Issue.Number, shown.Issue.Version));
        var amendment = Assert.Single(shown.Amendments, a => a.Code == "relief.activity_value_vnd");
        Assert.Equal((202_323_000L, 252_323_000L, 50_000_000L), (amendment.Issued, amendment.Now, amendment.Difference));
        Assert.Equal("amended", (await HandIns())["058"].Status);
        // The gift changes its value and the count of gifts: every changed figure is counted.
        Assert.Equal(shown.Amendments.Count, (await HandIns())["058"].AmendedFigures);

        var md = Encoding.UTF8.GetString((await Officer.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "md" })).Data.ToByteArray());
        // Dated by its issue, not by today.
        Assert.Contains("ngày 10 tháng 01 năm 2014", md, StringComparison.Ordinal);
        // The form carries the issue: its number with the symbol, and the signer under the title given.
        Assert.Contains("Số: 12/BC-CTĐ", md, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn An", md, StringComparison.Ordinal);
        Assert.Contains("### ĐÍNH CHÍNH SAU KHI BAN HÀNH", md, StringComparison.Ordinal);
        Assert.Contains("| 202.323.000 đồng | 252.323.000 đồng | +50.000.000 đồng |", md, StringComparison.Ordinal);
        var en = Encoding.UTF8.GetString((await Officer.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "html", Language = "en" })).Data.ToByteArray());
        Assert.Contains("<h3>AMENDMENTS SINCE ISSUE</h3>", en, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">202,323,000 VND</td><td class=\"num\">252,323,000 VND</td><td class=\"num\">&#x2B;50,000,000 VND</td>", en, StringComparison.Ordinal);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream((await Officer.RenderAnnualReportAsync(
            new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "docx" })).Data.ToByteArray()), false))
        {
            Assert.Contains("+50.000.000 đồng", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        // Issuing again with figures changed is the amendment: version 2 under a new number; then nothing changed.
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => Officer.IssueAnnualReportAsync(Issue("058", "12")).ResponseAsync);
        var second = await Officer.IssueAnnualReportAsync(Issue("058", "15"));
        Assert.Equal(2, second.Version);
        var reissued = await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        Assert.Equal((252_323_000L, "15"), (reissued.Indicators.Single(i => i.Code == "relief.activity_value_vnd").Value, reissued.Issue.Number));
        Assert.Empty(reissued.Amendments);
        Assert.Equal(("issued", 2), ((await HandIns())["058"].Status, (await HandIns())["058"].Issue.Version));
        Assert.Equal("REPORT_ALREADY_ISSUED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Officer.IssueAnnualReportAsync(Issue("058", "16")).ResponseAsync));

        // Both are events in reporting's own log, read like the other services' logs (events.read).
        var log = new ReportingEventLog.ReportingEventLogClient(factory.Channel(factory.Tokens.For(Roles.Service, "06", scopes: Scopes.EventsRead)));
        var events = new List<EventEnvelope>();
        await foreach (var e in log.StreamEvents(new StreamEventsRequest()).ResponseStream.ReadAllAsync())
        {
            events.Add(e);
        }

        Assert.Equal(["AnnualReportIssued", "AnnualReportAmended"], events.Where(e => e.PayloadJson.Contains("\"058\"", StringComparison.Ordinal)).Select(e => e.EventType));
        var amended = JsonDocument.Parse(events.Last(e => e.EventType == "AnnualReportAmended").PayloadJson).RootElement;
        Assert.Equal(("058", 2013, 2, "15", shown.Amendments.Count), (amended.GetProperty("orgUnitCode").GetString(), amended.GetProperty("year").GetInt32(),
            amended.GetProperty("version").GetInt32(), amended.GetProperty("number").GetString(), amended.GetProperty("amendedFigures").GetInt32()));
        Assert.DoesNotContain("Nguyễn", string.Concat(events.Select(e => e.PayloadJson)), StringComparison.Ordinal);
        Assert.True((await log.DescribeEventLogAsync(new DescribeEventLogRequest())).HeadPosition >= 2);
        // A district officer does not read the whole deployment's log.
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new ReportingEventLog.ReportingEventLogClient(factory.Channel(factory.Tokens.DistrictOfficer058))
            .DescribeEventLogAsync(new DescribeEventLogRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Issuing_notes_and_the_hand_in_view_are_rest_routes_too()
    {
        await Seed();
        // 2012: the other tests' 2013 hand-in views stay theirs.
        using var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        using var note = await rest.PostAsync("/api/v1/orgUnits/01852/annualReports/2012:setNote",
            new StringContent("""{"section": "relief", "text": "Ghi chú."}""", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, note.StatusCode);
        using var bad = await rest.PostAsync("/api/v1/orgUnits/01852/annualReports/2012:issue",
            new StringContent("""{"number": "7", "issuedOn": "2013-01-10", "signerTitle": "Chủ tịch"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("signer_name", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var issued = await rest.PostAsync("/api/v1/orgUnits/01852/annualReports/2012:issue",
            new StringContent("""{"number": "7", "issuedOn": "2013-01-10", "signerName": "Hà Thị Bình", "signerTitle": "Chủ tịch"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, issued.StatusCode);
        var view = JsonDocument.Parse(await rest.GetStringAsync("/api/v1/orgUnits/058/annualReports/2012/handIns")).RootElement;
        var row = view.GetProperty("handIns").EnumerateArray().Single(h => h.GetProperty("orgUnit").GetString() == "01852");
        Assert.Equal(("issued", "7"), (row.GetProperty("status").GetString(), row.GetProperty("issue").GetProperty("number").GetString()));
    }

    [Fact]
    public async Task Issuing_twice_without_change_is_refused_with_its_reason()
    {
        await Seed();
        await Admin.IssueAnnualReportAsync(Issue("060", "3"));
        Assert.Equal("REPORT_ALREADY_ISSUED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Admin.IssueAnnualReportAsync(Issue("060", "4")).ResponseAsync));
        Assert.Equal(1, (await HandIns())["060"].Issue.Version);
    }

    [Fact]
    public async Task Bad_issues_are_refused_precisely_and_nothing_is_issued()
    {
        await Seed();
        // Out of the officer's subtree; a branch officer and a viewer may not issue at all.
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied, () => Officer.IssueAnnualReportAsync(Issue("060", "1", 2012)).ResponseAsync));
        foreach (var token in new[] { factory.Tokens.For(Roles.BranchOfficer, "06/058/01834"), factory.Tokens.For(Roles.Viewer, "06") })
        {
            Assert.Equal(AccessDeniedException.NotPermitted, await RpcAssert.Reason(StatusCode.PermissionDenied,
                () => factory.Client(token).IssueAnnualReportAsync(Issue("01834", "1", 2012)).ResponseAsync));
        }

        await RpcAssert.Fails(StatusCode.NotFound, () => Admin.IssueAnnualReportAsync(Issue("999", "1", 2012)).ResponseAsync);
        var missing = Issue("01834", "1", 2012);
        (missing.SignerName, missing.SignerTitle, missing.Number) = (" ", string.Empty, string.Empty);
        Assert.Equal(["number", "signer_name", "signer_title"], await RpcAssert.InvalidFields(() => Officer.IssueAnnualReportAsync(missing).ResponseAsync));
        var bad = Issue("01834", "12/BC-HCTĐ", 2012);
        bad.IssuedOn = "2011-12-31";
        Assert.Equal(["number", "issued_on"], await RpcAssert.InvalidFields(() => Officer.IssueAnnualReportAsync(bad).ResponseAsync));
        bad = Issue("01834", "1", 2012);
        bad.IssuedOn = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["issued_on"], await RpcAssert.InvalidFields(() => Officer.IssueAnnualReportAsync(bad).ResponseAsync));
        var ahead = Issue("01834", "1", DateTime.UtcNow.Year + 1);
        ahead.IssuedOn = string.Empty;
        Assert.Equal(["year"], await RpcAssert.InvalidFields(() => Officer.IssueAnnualReportAsync(ahead).ResponseAsync));

        Assert.Equal("not_issued", (await Admin.ListAnnualReportHandInsAsync(new ListAnnualReportHandInsRequest { OrgUnit = "058", Year = 2012 }))
            .HandIns.Single(h => h.OrgUnit == "01834").Status);
        // The hand-in view is a read like the report: in the caller's subtree only.
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Officer.ListAnnualReportHandInsAsync(new ListAnnualReportHandInsRequest { OrgUnit = "06", Year = 2013 }).ResponseAsync);
    }
}
