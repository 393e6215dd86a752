using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Grpc.Core;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The annual report of 058 for 2013 on a host of its own: the seed's activity value (352,323,000 VND), one
/// training, new members under a growth target and humanitarian addresses overdue for review, so both difficulties
/// show; 060 meets its target and has no overdue address, so neither does.</summary>
public sealed class AnnualReportTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly int VietnamYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year;
    private static bool seeded;
    private static readonly SemaphoreSlim SeedGate = new(1, 1);

    private Contracts.Reporting.V1.Reporting.ReportingClient Admin => factory.Client(factory.Tokens.ProvinceAdmin);

    private async Task Seed()
    {
        await SeedGate.WaitAsync();
        try
        {
            if (seeded)
            {
                return;
            }

            await factory.EnsureTree();
            // The unit names of 2013, published after EnsureTree's placeholders so they win.
            await factory.Publish(new OrgUnitChanged(Guid.NewGuid(), Now.AddMinutes(1), "06", "Hội Chữ thập đỏ tỉnh Bắc Kạn", "province", null, "06", "06",
                new DateOnly(1997, 1, 1), null, []));
            await factory.Publish(new OrgUnitChanged(Guid.NewGuid(), Now.AddMinutes(1), "058", "Hội Chữ thập đỏ thành phố Bắc Kạn", "district", "06", "06/058", "058",
                new DateOnly(1997, 1, 1), null, [],
                [new UnitName(new DateOnly(1997, 1, 1), "Hội Chữ thập đỏ thị xã Bắc Kạn", "district"), new UnitName(new DateOnly(2015, 1, 1), "Hội Chữ thập đỏ thành phố Bắc Kạn", "district")]));

            // 058: target 40, three new members in 2013 (two in 2012); 060: target 1, one new member.
            await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "058", 2013, 40));
            await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), Now, "060", 2013, 1));
            foreach (var (unit, joined) in new[] { ("01834", new DateOnly(2013, 3, 1)), ("01837", new DateOnly(2013, 5, 1)), ("01852", new DateOnly(2013, 9, 1)),
                ("01834", new DateOnly(2012, 3, 1)), ("01834", new DateOnly(2012, 4, 1)), ("060", new DateOnly(2013, 2, 2)) })
            {
                await factory.Publish(new MemberRegistered(Guid.NewGuid(), Now, unit, Guid.NewGuid(), joined, new DateOnly(1980, 1, 1), "female", false));
            }

            await factory.Publish(new TrainingHeld(Guid.NewGuid(), Now, "058", Guid.NewGuid(), "Công tác Chữ thập đỏ", new DateOnly(2013, 4, 10), new DateOnly(2013, 4, 11), 40));
            // The seed's total value of activities: 352,323,000 VND in two handovers.
            await factory.Publish(Gift("01834", 202_323_000, new DateOnly(2013, 6, 1)));
            await factory.Publish(Gift("01837", 150_000_000, new DateOnly(2013, 11, 20)));
            // Two addresses in 058 at the end of 2013, one overdue since June; 060's address is reviewed in time.
            await factory.Publish(new AddressOpened(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), new DateOnly(2012, 6, 1), new DateOnly(2013, 6, 1)));
            await factory.Publish(new AddressOpened(Guid.NewGuid(), Now, "01837", Guid.NewGuid(), new DateOnly(2013, 2, 1), new DateOnly(2014, 2, 1)));
            await factory.Publish(new AddressOpened(Guid.NewGuid(), Now, "060", Guid.NewGuid(), new DateOnly(2013, 2, 1), new DateOnly(2014, 2, 1)));

            // Each event type is projected in its own batches: wait until every figure shows.
            await Eventually.Until(Values058, v => v.GetValueOrDefault("relief.activity_value_vnd") == 352_323_000 && v.GetValueOrDefault("membership.members.new") == 3
                && v.GetValueOrDefault("membership.members.growth_target") == 40 && v.GetValueOrDefault("relief.addresses.review_overdue") == 1
                && v.GetValueOrDefault("relief.addresses.active") == 2 && v.GetValueOrDefault("membership.trainings.held") == 1, what: "058's 2013 figures");
            await Eventually.Until(async () => (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "060", Year = 2013 })).Indicators
                .ToDictionary(i => i.Code, i => i.Value),
                v => v.GetValueOrDefault("membership.members.new") == 1 && v.GetValueOrDefault("membership.members.growth_target") == 1
                    && v.GetValueOrDefault("relief.addresses.active") == 1, what: "060's 2013 figures");
            await Eventually.Until(async () => (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).OrgUnitName,
                n => n == "Hội Chữ thập đỏ thị xã Bắc Kạn", what: "058's names");
            seeded = true;
        }
        finally
        {
            SeedGate.Release();
        }
    }

    private async Task<Dictionary<string, long>> Values058()
    {
        try
        {
            return (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Indicators.ToDictionary(i => i.Code, i => i.Value);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return [];
        }
    }

    private static DistributionRecorded Gift(string unit, long value, DateOnly on) =>
        new(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "cash", value, "sponsor_direct", null, Guid.NewGuid(), null, on);

    private async Task<string> Render(string format, string language, string unit = "058", int year = 2013) =>
        Encoding.UTF8.GetString((await Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = unit, Year = year, Format = format, Language = language })).Data.ToByteArray());

    [Fact]
    public async Task The_report_derives_both_difficulties_with_their_figures_and_suggests_next_years_targets()
    {
        await Seed();
        var report = await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });

        Assert.Equal(("Hội Chữ thập đỏ thị xã Bắc Kạn", "Hội Chữ thập đỏ tỉnh Bắc Kạn"), (report.OrgUnitName, report.ParentUnitName));
        Assert.Equal(["membership.growth_below_target", "relief.address_reviews_overdue"], report.Difficulties.Select(d => d.Code));
        var growth = report.Difficulties[0];
        Assert.Equal([("membership.members.new", 3L), ("membership.members.growth_target", 40L), ("membership.members.growth_vs_target_pct", 7L)],
            growth.Figures.Select(f => (f.Code, f.Value)));
        Assert.Contains("kết nạp 3 hội viên mới, đạt 7% chỉ tiêu (40 hội viên)", growth.TextVi, StringComparison.Ordinal);
        Assert.Contains("3 new members, 7% of the target of 40", growth.TextEn, StringComparison.Ordinal);
        var addresses = report.Difficulties[1];
        Assert.Equal([("relief.addresses.active", 2L), ("relief.addresses.review_overdue", 1L)], addresses.Figures.Select(f => (f.Code, f.Value)));
        Assert.Contains("1/2 địa chỉ nhân đạo quá hạn rà soát", addresses.TextVi, StringComparison.Ordinal);

        // The unmet target is carried over; every overdue address is to be reviewed.
        Assert.Equal([("membership.members.growth_target", 40L), ("relief.addresses.review_overdue", 0L)],
            report.Directions.SuggestedTargets.Select(t => (t.Code, t.Value)));
        Assert.Empty(report.Programmes);
        Assert.Empty(report.Commendations);

        // 060 met its target and reviewed its address in time: nothing to report, and the trend is suggested.
        var met = await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "060", Year = 2013 });
        Assert.Empty(met.Difficulties);
        Assert.Equal([("membership.members.growth_target", 2L)], met.Directions.SuggestedTargets.Select(t => (t.Code, t.Value)));
    }

    [Fact]
    public async Task Each_child_unit_of_the_year_has_its_own_figures_and_one_without_any_shows_dashes()
    {
        await Seed();
        var report = await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        // OLD closed in 2014, so it stood in 2013's tree; it recorded nothing that year.
        Assert.Equal(["01834", "01837", "01852", "OLD"], report.ChildUnits.Select(u => u.OrgUnit));
        var communes = report.ChildUnits.ToDictionary(u => u.OrgUnit, u => (u.Recorded, Figures: u.Figures.ToDictionary(f => f.Code, f => f.Value)));
        Assert.Equal((true, 3L, 1L, 202_323_000L), (communes["01834"].Recorded, communes["01834"].Figures["membership.members.active"],
            communes["01834"].Figures["membership.members.new"], communes["01834"].Figures["relief.activity_value_vnd"]));
        Assert.Equal((1L, 150_000_000L), (communes["01837"].Figures["membership.members.new"], communes["01837"].Figures["relief.activity_value_vnd"]));
        Assert.False(communes["OLD"].Recorded);
        Assert.Equal(3L, report.ChildUnits.Sum(u => u.Figures.Single(f => f.Code == "membership.members.new").Value));

        var md = await Render("md", "vi");
        Assert.Contains("| Đơn vị | Hội viên (cuối năm) | Kết nạp mới | Chỉ tiêu kết nạp | Đạt (%) | Giá trị cứu trợ, trao quà | Đơn vị máu |", md, StringComparison.Ordinal);
        Assert.Contains("| 3 | 1 | – | – | 202.323.000 đồng | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| – | – | – | – | – | – |", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_and_html_show_the_official_form_and_figures_in_each_language()
    {
        await Seed();
        var md = await Render("md", "vi");
        Assert.Contains("| HỘI CHỮ THẬP ĐỎ TỈNH BẮC KẠN<br>**HỘI CHỮ THẬP ĐỎ THỊ XÃ BẮC KẠN**<br>Số: \u00A0\u00A0\u00A0\u00A0\u00A0\u00A0/BC-CTĐ | **CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |", md, StringComparison.Ordinal);
        Assert.Contains("*Bắc Kạn, ngày 31 tháng 12 năm 2013*", md, StringComparison.Ordinal);
        Assert.Contains("## Tổng kết công tác Hội Chữ thập đỏ năm 2013 và phương hướng nhiệm vụ năm 2014", md, StringComparison.Ordinal);
        // Section I as officers write it: a paragraph per area, each figure beside 2012's, zero figures left out.
        Assert.Contains("#### 1. Công tác tổ chức, xây dựng Hội và hội viên", md, StringComparison.Ordinal);
        Assert.Contains("kết nạp 3 hội viên mới, tăng 50% so với năm 2012 (2), đạt 7% chỉ tiêu (40); tổ chức 1 lớp tập huấn, năm 2012 chưa có", md, StringComparison.Ordinal);
        Assert.Contains("Tổng giá trị các hoạt động cứu trợ, trao quà 352.323.000 đồng, năm 2012 chưa có", md, StringComparison.Ordinal);
        Assert.Contains("đang theo dõi 2 địa chỉ nhân đạo, tăng 100% so với năm 2012 (1)", md, StringComparison.Ordinal);
        Assert.Contains("#### 3. Công tác chăm sóc sức khỏe, sơ cấp cứu và hiến máu tình nguyện\n\nNăm 2013 chưa có số liệu về lĩnh vực này.", md, StringComparison.Ordinal);
        var sectionOne = md[md.IndexOf("### I.", StringComparison.Ordinal)..md.IndexOf("#### Kết quả của các đơn vị trực thuộc", StringComparison.Ordinal)];
        Assert.DoesNotContain("hội phí", sectionOne, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" 0 đồng", sectionOne, StringComparison.Ordinal);
        // Every figure, zeros included, in the appendix, beside 2012's.
        Assert.Contains("### PHỤ LỤC: CÁC CHỈ TIÊU NĂM 2013", md, StringComparison.Ordinal);
        Assert.Contains("| STT | Chỉ tiêu | Năm 2012 | Năm 2013 |", md, StringComparison.Ordinal);
        Assert.Contains("| 3 | Hội viên mới kết nạp | 2 | 3 |", md, StringComparison.Ordinal);
        Assert.Contains("| Hội phí thu được (đồng) | 0 đồng | 0 đồng |", md, StringComparison.Ordinal);
        Assert.Contains("### II. KHÓ KHĂN, HẠN CHẾ", md, StringComparison.Ordinal);
        Assert.Contains("- Công tác phát triển hội viên chưa cao", md, StringComparison.Ordinal);
        Assert.DoesNotContain("352,323,000", md, StringComparison.Ordinal);

        var en = await Render("md", "en");
        Assert.Contains("3 new members joined, up 50% on 2012 (2), 7% of the target (40)", en, StringComparison.Ordinal);
        Assert.Contains("Relief and gifts worth 352,323,000 VND in all, none in 2012", en, StringComparison.Ordinal);
        Assert.Contains("| No. | Indicator | 2012 | 2013 |", en, StringComparison.Ordinal);
        Assert.Contains("*Bắc Kạn, 31 December 2013*", en, StringComparison.Ordinal);
        Assert.Contains("- Member development was low", en, StringComparison.Ordinal);

        var html = await Render("html", "vi");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">352.323.000 đồng</td>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Độc lập - Tự do - Hạnh phúc</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Bắc Kạn, ngày 31 tháng 12 năm 2013", html, StringComparison.Ordinal);
        Assert.Contains("352,323,000 VND", await Render("html", "en"), StringComparison.Ordinal);
        // The default is Vietnamese HTML.
        Assert.Equal(html, await Render(string.Empty, string.Empty));
    }

    [Fact]
    public async Task The_vietnamese_word_document_is_valid_open_xml_with_the_figures_in_vietnamese_form()
    {
        await Seed();
        var body = await Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "docx" });
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", body.ContentType);

        using var stream = new MemoryStream(body.Data.ToByteArray());
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);

        var text = string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
        Assert.Contains("HỘI CHỮ THẬP ĐỎ THỊ XÃ BẮC KẠN", text, StringComparison.Ordinal);
        Assert.Contains("Bắc Kạn, ngày 31 tháng 12 năm 2013", text, StringComparison.Ordinal);
        Assert.Contains("Tổng giá trị các hoạt động cứu trợ, trao quà 352.323.000 đồng, năm 2012 chưa có", text, StringComparison.Ordinal);
        Assert.Contains("352.323.000 đồng", document.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText));
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_months_come_from_the_monthly_cells_and_feed_the_charts_and_the_workbook()
    {
        await Seed();
        var report = await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        // New members joined in March, May and September 2013 (the 2012 ones and 060's are not 058's 2013).
        Assert.Equal([0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0], report.Months.OrderBy(m => m.Month).Select(m => m.Figures.Single(f => f.Code == "membership.members.new").Value));

        var html = await Render("html", "vi");
        Assert.Contains("<figure class=\"chart\" data-chart=\"month-membership-members-new\"><svg", html, StringComparison.Ordinal);
        var docx = await Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "docx" });
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx.Data.ToByteArray()), false))
        {
            Assert.NotEmpty(document.MainDocumentPart!.ImageParts);
        }

        var xlsx = await Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "xlsx" });
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.ContentType);
        using var stream = new MemoryStream(xlsx.Data.ToByteArray());
        var months = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Theo tháng").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(1d, months[2]["Hội viên mới kết nạp"]);
        var appendix = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Phụ lục").Cast<IDictionary<string, object?>>();
        Assert.Equal(352_323_000d, appendix.Single(r => (string?)r["Mã"] == "relief.activity_value_vnd")["Năm 2013"]);
    }

    [Fact]
    public async Task Rest_serves_the_report_as_data_and_as_documents()
    {
        await Seed();
        var rest = factory.Rest(factory.Tokens.ProvinceAdmin);
        using var json = JsonDocument.Parse(await rest.GetStringAsync("/api/v1/orgUnits/058/annualReports/2013"));
        Assert.Equal("membership.growth_below_target", json.RootElement.GetProperty("difficulties")[0].GetProperty("code").GetString());

        using var docx = await rest.GetAsync("/api/v1/orgUnits/058/annualReports/2013:render?format=docx&language=vi");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await docx.Content.ReadAsByteArrayAsync())[..2]);

        var md = await rest.GetStringAsync("/api/v1/orgUnits/058/annualReports/2013:render?format=md&language=en");
        Assert.Contains("352,323,000 VND", md, StringComparison.Ordinal);

        using var bad = await rest.GetAsync("/api/v1/orgUnits/058/annualReports/2013:render?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var csv = await rest.GetByteArrayAsync("/api/v1/orgUnits/058/indicators/2013:export?format=hxl");
        Assert.StartsWith("\uFEFFOrganisation,", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_write_a_dhis2_data_value_set_and_an_hxl_3w_table()
    {
        await Seed();
        var dhis2 = await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "2013", Format = "dhis2" });
        Assert.StartsWith("application/json", dhis2.ContentType, StringComparison.Ordinal);
        using var set = JsonDocument.Parse(dhis2.Data.ToByteArray());
        Assert.Equal("2013", set.RootElement.GetProperty("period").GetString());
        // Each unit's own values, the org unit on each: the communes' gifts under the communes, 058's training under 058.
        var values = set.RootElement.GetProperty("dataValues").EnumerateArray().ToLookup(
            v => (v.GetProperty("dataElement").GetString()!, v.GetProperty("orgUnit").GetString()!), v => long.Parse(v.GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(202_323_000, values[("relief.activity_value_vnd", "01834")].Single());
        Assert.Equal(150_000_000, values[("relief.activity_value_vnd", "01837")].Single());
        Assert.Equal(0, values[("relief.activity_value_vnd", "058")].Single());
        Assert.Equal(40, values[("membership.trainings.participants", "058")].Single());
        Assert.Equal(3, values.Where(g => g.Key.Item1 == "membership.members.new").Sum(g => g.Sum()));
        var quarter = await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "2013-Q2", Format = "dhis2" });
        using var q = JsonDocument.Parse(quarter.Data.ToByteArray());
        Assert.Equal("2013Q2", q.RootElement.GetProperty("period").GetString());
        Assert.Equal("202323000", q.RootElement.GetProperty("dataValues").EnumerateArray().Single(v => v.GetProperty("dataElement").GetString() == "relief.activity_value_vnd" && v.GetProperty("orgUnit").GetString() == "01834").GetProperty("value").GetString());
        var half = await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "2013-H1", Format = "dhis2" });
        using var h = JsonDocument.Parse(half.Data.ToByteArray());
        Assert.Equal("2013S1", h.RootElement.GetProperty("period").GetString());

        var hxl = await Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "06", Period = "2013", Format = "hxl" });
        Assert.StartsWith("text/csv", hxl.ContentType, StringComparison.Ordinal);
        var lines = hxl.Data.ToStringUtf8().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\uFEFFOrganisation,", lines[0], StringComparison.Ordinal);
        Assert.Equal("#org,#org+code,#adm1+code,#adm2+code,#adm3+code,#sector,#activity,#date+start,#date+end,#reached,#reached+f,#reached+m,#output,#value,#currency", lines[1]);
        // The communes here have no admin area: their places stay empty, their Red Cross codes are in #org+code.
        Assert.Contains("Hội 01834,01834,06,058,,Relief,Relief and gifts handed over,2013-01-01,2013-12-31,1,0,0,,202323000,VND", lines);
        Assert.Contains("Hội 01837,01837,06,058,,Relief,Relief and gifts handed over,2013-01-01,2013-12-31,1,0,0,,150000000,VND", lines);
        Assert.Contains("Hội Chữ thập đỏ thị xã Bắc Kạn,058,06,058,,Capacity building,Red Cross training courses,2013-01-01,2013-12-31,40,,,,0,", lines);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task Directions_are_saved_by_district_officers_for_their_subtree_and_shown_in_the_report()
    {
        await Seed();
        var officer = factory.Client(factory.Tokens.DistrictOfficer058);
        var text = "Đặc biệt chú trọng công tác phát triển hội viên.\n\nTiếp tục rà soát các địa chỉ nhân đạo.";
        var saved = await officer.SetAnnualReportDirectionsAsync(new SetAnnualReportDirectionsRequest { OrgUnit = "058", Year = 2013, Text = text });
        Assert.Equal((text, "test-district_officer@06/058"), (saved.Text, saved.UpdatedBy));
        Assert.NotNull(saved.UpdatedAt);
        Assert.Equal(40, saved.SuggestedTargets.Single(t => t.Code == "membership.members.growth_target").Value);

        var report = await officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        Assert.Equal(text, report.Directions.Text);
        var md = await Render("md", "vi");
        Assert.Contains("Đặc biệt chú trọng công tác phát triển hội viên.\n\nTiếp tục rà soát các địa chỉ nhân đạo.", md, StringComparison.Ordinal);
        // Saved per unit and year: the province's report and 058's other years have none.
        Assert.Equal(string.Empty, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "06", Year = 2013 })).Directions.Text);
        Assert.Equal(string.Empty, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2012 })).Directions.Text);

        // Outside the subtree, a branch officer, a viewer: refused, and nothing stored.
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => officer.SetAnnualReportDirectionsAsync(new SetAnnualReportDirectionsRequest { OrgUnit = "060", Year = 2013, Text = "x" }).ResponseAsync));
        foreach (var token in new[] { factory.Tokens.For(Roles.BranchOfficer, "06/058/01834"), factory.Tokens.For(Roles.Viewer, "06") })
        {
            Assert.Equal(AccessDeniedException.NotPermitted, await RpcAssert.Reason(StatusCode.PermissionDenied,
                () => factory.Client(token).SetAnnualReportDirectionsAsync(new SetAnnualReportDirectionsRequest { OrgUnit = "01834", Year = 2013, Text = "x" }).ResponseAsync));
        }

        Assert.Equal(string.Empty, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "060", Year = 2013 })).Directions.Text);
        Assert.Equal(string.Empty, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "01834", Year = 2013 })).Directions.Text);

        // Too long or with control characters: InvalidArgument on text, and the saved text stays.
        Assert.Equal(["text"], await RpcAssert.InvalidFields(() => officer.SetAnnualReportDirectionsAsync(
            new SetAnnualReportDirectionsRequest { OrgUnit = "058", Year = 2013, Text = new string('a', 20_001) }).ResponseAsync));
        Assert.Equal(["text"], await RpcAssert.InvalidFields(() => officer.SetAnnualReportDirectionsAsync(
            new SetAnnualReportDirectionsRequest { OrgUnit = "058", Year = 2013, Text = "a\u0007b" }).ResponseAsync));
        Assert.Equal(text, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Directions.Text);
    }

    [Fact]
    public async Task Unknown_units_years_out_of_range_and_unsupported_formats_or_languages_are_refused_precisely()
    {
        await Seed();
        await RpcAssert.Fails(StatusCode.NotFound, () => Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "999", Year = 2013 }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "999", Year = 2013, Format = "docx" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "999", Period = "2013", Format = "hxl" }).ResponseAsync);

        foreach (var year in new[] { 1945, VietnamYear + 2 })
        {
            Assert.Equal(["year"], await RpcAssert.InvalidFields(() => Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = year }).ResponseAsync));
            Assert.Equal(["year"], await RpcAssert.InvalidFields(() => Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = year }).ResponseAsync));
        }

        // The founding year and next year (a plan drafted ahead) are reports like any other.
        Assert.Equal(1946, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 1946 })).Year);
        Assert.Equal(VietnamYear + 1, (await Admin.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = VietnamYear + 1 })).Year);

        Assert.Equal(["format", "language"], await RpcAssert.InvalidFields(() =>
            Admin.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "pdf", Language = "fr" }).ResponseAsync));
        Assert.Equal(["format"], await RpcAssert.InvalidFields(() =>
            Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "2013", Format = "xml" }).ResponseAsync));
        Assert.Equal(["period"], await RpcAssert.InvalidFields(() =>
            Admin.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "058", Period = "13", Format = "dhis2" }).ResponseAsync));
        // Another district's report is out of the officer's scope, rendered or exported.
        var officer = factory.Client(factory.Tokens.DistrictOfficer058);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => officer.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "060", Year = 2013 }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => officer.ExportIndicatorsAsync(new ExportIndicatorsRequest { OrgUnit = "060", Period = "2013", Format = "dhis2" }).ResponseAsync);
    }
}
