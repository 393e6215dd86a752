using Grpc.Core;
using RedCross.Contracts.Campaign.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>`rc campaigns` and `rc donors import` against the monolith alone.</summary>
public sealed class CampaignCliTests : IAsyncLifetime
{
    private readonly Monolith monolith = new("rc-campaign-cli-");

    public Task InitializeAsync() => monolith.StartAsync();

    public async Task DisposeAsync() => await monolith.DisposeAsync();

    [Fact]
    public async Task Rc_lists_shows_and_records_campaign_results_and_imports_donors_once()
    {
        Assert.Equal(0, (await monolith.Rc("login", "--role", "district_officer", "--org", "058")).ExitCode);
        var campaigns = new Campaigns.CampaignsClient(Channels.Local(monolith.GrpcPort, monolith.Tokens.DistrictOfficer058));
        var campaign = await Eventually.Until(async () =>
        {
            try
            {
                return await campaigns.CreateCampaignAsync(new CreateCampaignRequest
                {
                    Campaign = new Contracts.Campaign.V1.Campaign { Type = "health_check", Name = "Khám bệnh miễn phí", OrgUnit = "058", StartDate = "2013-06-01", EndDate = "2013-12-31" },
                });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, c => c is not null, what: "campaign to know unit 058");
        await campaigns.OpenCampaignAsync(new OpenCampaignRequest { Id = campaign!.Id, OpenedOn = "2013-06-01" });

        var list = await monolith.Rc("campaigns", "list", "--output", "csv");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains(campaign.Id, list.Output, StringComparison.Ordinal);
        var recorded = await monolith.Rc("campaigns", "record-result", campaign.Id, "--date", "2013-06-15", "--examinations", "3000", "--people-served", "500");
        Assert.True(recorded.ExitCode == 0, recorded.Output);
        var show = await monolith.Rc("campaigns", "show", campaign.Id, "--output", "csv");
        Assert.Contains("2013-06-15,500,3000", show.Output, StringComparison.Ordinal);

        // The same rows as an Excel workbook, redirected to a file: figures are number cells, the list's ids text.
        var xlsx = Path.Combine(monolith.Data, "show.xlsx");
        var written = await Shell.Run("bash", ["-c", "dotnet \"$0\" \"$@\" > \"$XLSX\"", Repo.Binary("tools/RedCross.Cli", "rc"),
            "campaigns", "show", campaign.Id, "--output", "xlsx", "--data", monolith.Data, "--server", $"http://localhost:{monolith.GrpcPort}"],
            new Dictionary<string, string> { ["XLSX"] = xlsx });
        Assert.True(written.ExitCode == 0, written.Output);
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var result = rows.Single(r => (string?)r["Dòng / Row"] == "2013-06-15");
        Assert.Equal(500d, Assert.IsType<double>(result["Người được phục vụ / People"]));
        Assert.Equal(3000d, Assert.IsType<double>(result["Lượt khám / Exams"]));
        var report = Path.Combine(monolith.Data, "report.xlsx");
        Assert.Equal(0, (await monolith.Rc("report", "annual", "--org", "058", "--year", "2013", "--format", "xlsx", "-o", report)).ExitCode);
        Assert.Contains("Phụ lục", MiniExcelLibs.MiniExcel.GetSheetNames(report));
        var refused = await monolith.Rc("campaigns", "record-result", campaign.Id, "--date", "2013-06-15", "--examinations", "-1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("result.figures.examinations", refused.Output, StringComparison.Ordinal);

        var csv = Path.Combine(monolith.Data, "donors.csv");
        await File.WriteAllTextAsync(csv, """
            full_name,birth_date,sex,weight_kg,org_unit,blood_group,phone
            Hoàng Thị Hiến,12/03/1990,nữ,50.5,01852,O+,0912345678
            Lý Văn Máu,1985-01-01,nam,62,01852,,
            Sai Nhóm,1985-01-01,nam,62,01852,Z+,
            """);
        var first = await monolith.Rc("donors", "import", csv);
        Assert.True(first.ExitCode == 3, first.Output);
        Assert.Contains("created: 2", first.Output, StringComparison.Ordinal);
        Assert.Contains("donor.blood_group", first.Output, StringComparison.Ordinal);
        var second = await monolith.Rc("donors", "import", csv);
        Assert.Contains("already there: 2", second.Output, StringComparison.Ordinal);
    }
}
