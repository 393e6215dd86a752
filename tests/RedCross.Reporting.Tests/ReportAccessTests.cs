using System.Net;
using Grpc.Core;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Reading a report or an export is a permission (read reports), checked before the unit, the year or the
/// format: a token with no role, a service holding only events.read and a partner holding only campaign.read read
/// nothing; a partner with reports.read reads its subtree only; a viewer reads its subtree.</summary>
public sealed class ReportAccessTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    /// <summary>Every rpc that reads figures or documents, against one unit.</summary>
    private static readonly (string Name, Func<Contracts.Reporting.V1.Reporting.ReportingClient, string, Task> Call)[] Reads =
    [
        ("GetAnnualReport", (c, unit) => c.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = 2015 }).ResponseAsync),
        ("RenderAnnualReport docx", (c, unit) => c.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = unit, Year = 2015, Format = "docx" }).ResponseAsync),
        ("RenderAnnualReport md", (c, unit) => c.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = unit, Year = 2015, Format = "md" }).ResponseAsync),
        ("RenderAnnualReport html", (c, unit) => c.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = unit, Year = 2015 }).ResponseAsync),
        ("GetIndicators", (c, unit) => c.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = "2015" }).ResponseAsync),
        ("ExportIndicators dhis2", (c, unit) => c.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = unit, Period = "2015", Format = "dhis2" }).ResponseAsync),
        ("ExportIndicators hxl", (c, unit) => c.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = unit, Period = "2015", Format = "hxl" }).ResponseAsync),
    ];

    /// <summary>The same reads over REST (JSON transcoding), the render route included.</summary>
    private static readonly Func<string, string>[] RestReads =
    [
        unit => $"/api/v1/orgUnits/{unit}/annualReports/2015",
        unit => $"/api/v1/orgUnits/{unit}/annualReports/2015:render?format=docx",
        unit => $"/api/v1/orgUnits/{unit}/annualReports/2015:render?format=html",
        unit => $"/api/v1/orgUnits/{unit}/indicators/2015",
        unit => $"/api/v1/orgUnits/{unit}/indicators/2015:export?format=hxl",
    ];

    private string NoRole => factory.Tokens.For(string.Empty, "06");

    private string ServiceWithEventsReadOnly => factory.Tokens.For(Roles.Service, "06", scopes: Scopes.EventsRead);

    private string PartnerWithCampaignReadOnly => factory.Tokens.For(Roles.Partner, "06", scopes: Scopes.CampaignRead);

    [Fact]
    public async Task Without_read_reports_every_read_is_refused_over_grpc()
    {
        await factory.EnsureTree();
        foreach (var token in new[] { NoRole, ServiceWithEventsReadOnly, PartnerWithCampaignReadOnly })
        {
            var client = factory.Client(token);
            foreach (var (name, call) in Reads)
            {
                Assert.True(AccessDeniedException.NotPermitted == await RpcAssert.Reason(StatusCode.PermissionDenied, () => call(client, "06")), name);
            }
        }
    }

    [Fact]
    public async Task The_permission_is_checked_before_the_unit_so_a_refused_caller_learns_nothing_of_the_tree()
    {
        await factory.EnsureTree();
        var client = factory.Client(NoRole);
        foreach (var (name, call) in Reads)
        {
            Assert.True(AccessDeniedException.NotPermitted == await RpcAssert.Reason(StatusCode.PermissionDenied, () => call(client, "nowhere")), name);
        }
    }

    [Fact]
    public async Task Without_read_reports_every_read_is_refused_over_rest()
    {
        await factory.EnsureTree();
        foreach (var token in new[] { NoRole, ServiceWithEventsReadOnly, PartnerWithCampaignReadOnly })
        {
            using var rest = factory.Rest(token);
            foreach (var route in RestReads.Select(r => r("06")))
            {
                using var response = await rest.GetAsync(route);
                Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{route}: {response.StatusCode}");
                Assert.Contains(AccessDeniedException.NotPermitted, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_partner_with_reports_read_reads_its_subtree_and_nothing_outside_it()
    {
        await factory.EnsureTree();
        var partner = factory.Tokens.For(Roles.Partner, "06/058", scopes: Scopes.ReportsRead);
        var client = factory.Client(partner);
        foreach (var (_, call) in Reads)
        {
            await call(client, "058");
            await call(client, "01834");
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => call(client, "060"));
        }

        foreach (var (name, call) in Reads)
        {
            Assert.True(AccessDeniedException.OutOfScope == await RpcAssert.Reason(StatusCode.PermissionDenied, () => call(client, "06")), name);
        }

        using var rest = factory.Rest(partner);
        foreach (var route in RestReads)
        {
            using var inside = await rest.GetAsync(route("058"));
            Assert.True(HttpStatusCode.OK == inside.StatusCode, $"{route("058")}: {inside.StatusCode}");
            using var outside = await rest.GetAsync(route("060"));
            Assert.True(HttpStatusCode.Forbidden == outside.StatusCode, $"{route("060")}: {outside.StatusCode}");
            Assert.Contains(AccessDeniedException.OutOfScope, await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Viewers_officers_and_services_holding_reports_read_read_reports()
    {
        await factory.EnsureTree();
        var readers = new[]
        {
            (factory.Tokens.For(Roles.Viewer, "06"), "06"),
            (factory.Tokens.For(Roles.BranchOfficer, "06/058/01834"), "01834"),
            (factory.Tokens.DistrictOfficer058, "058"),
            (factory.Tokens.ProvinceAdmin, "06"),
            (factory.Tokens.For(Roles.Service, "06", scopes: Scopes.ReportsRead), "06"),
        };
        foreach (var (token, unit) in readers)
        {
            var client = factory.Client(token);
            foreach (var (_, call) in Reads)
            {
                await call(client, unit);
            }

            using var rest = factory.Rest(token);
            using var render = await rest.GetAsync(RestReads[1](unit));
            Assert.Equal(HttpStatusCode.OK, render.StatusCode);
        }
    }
}
