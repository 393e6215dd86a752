using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Grpc.Core;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Notes under a section and under a derived difficulty: saved like the directions (district officers and
/// above, in their subtree), shown under their section in Markdown, HTML and Word, refused precisely when wrong.</summary>
public sealed class ReportNotesTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private const string Causes = "Nguyên nhân: một số chi hội chưa chủ động.";

    private Contracts.Reporting.V1.Reporting.ReportingClient Officer => factory.Client(factory.Tokens.DistrictOfficer058);

    private static SetAnnualReportNoteRequest Note(string section, string text, string unit = "058") =>
        new() { OrgUnit = unit, Year = 2013, Section = section, Text = text };

    private async Task<string> Render(string format) =>
        Encoding.UTF8.GetString((await Officer.RenderAnnualReportAsync(new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = format })).Data.ToByteArray());

    [Fact]
    public async Task Notes_are_shown_under_their_section_and_difficulty_in_every_format()
    {
        await factory.EnsureTree();
        // A target of 40 and no new member: the growth difficulty is derived.
        await factory.Publish(new GrowthTargetSet(Guid.NewGuid(), DateTimeOffset.UtcNow, "058", 2013, 40));
        await Eventually.Until(async () => (await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Difficulties.Count,
            n => n == 1, what: "058's difficulty");

        var saved = await Officer.SetAnnualReportNoteAsync(Note("difficulty:membership.growth_below_target", Causes));
        Assert.Equal((Causes, "test-district_officer@06/058"), (saved.Text, saved.UpdatedBy));
        await Officer.SetAnnualReportNoteAsync(Note("organisation", "Chương trình \"Tết vì người nghèo\" được duy trì.\n\nĐoàn kiểm tra *tỉnh* đánh giá tốt."));
        await Officer.SetAnnualReportNoteAsync(Note("programmes", "Viettel tài trợ khám sức khỏe."));

        var report = await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 });
        Assert.Equal(["difficulty:membership.growth_below_target", "organisation", "programmes"], report.Notes.Select(n => n.Section));

        var md = await Render("md");
        Assert.Contains(Causes, md.Split('\n').Single(l => l.StartsWith("- Công tác phát triển hội viên", StringComparison.Ordinal)), StringComparison.Ordinal);
        // Typed text is text: the asterisks do not become emphasis.
        Assert.Contains("Đoàn kiểm tra \\*tỉnh\\* đánh giá tốt.", md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("Viettel tài trợ", StringComparison.Ordinal) > md.IndexOf("#### Các chương trình", StringComparison.Ordinal));
        Assert.True(md.IndexOf("Viettel tài trợ", StringComparison.Ordinal) < md.IndexOf("#### Công tác thi đua", StringComparison.Ordinal));

        var html = await Render("html");
        Assert.Contains("<p class=\"note\" data-note=\"programmes\">Viettel tài trợ khám sức khỏe.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">" + Causes + "</p></li>", html, StringComparison.Ordinal);

        using var word = WordprocessingDocument.Open(new MemoryStream((await Officer.RenderAnnualReportAsync(
            new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "docx" })).Data.ToByteArray()), false);
        var body = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Viettel tài trợ khám sức khỏe.", body, StringComparison.Ordinal);
        Assert.Contains(Causes, body, StringComparison.Ordinal);

        // An empty text clears the note.
        await Officer.SetAnnualReportNoteAsync(Note("programmes", "  "));
        Assert.DoesNotContain("programmes", (await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Notes.Select(n => n.Section));
    }

    [Fact]
    public async Task Bad_notes_are_refused_precisely()
    {
        await factory.EnsureTree();
        Assert.Equal(["section"], await RpcAssert.InvalidFields(() => Officer.SetAnnualReportNoteAsync(Note("directions", "x")).ResponseAsync));
        Assert.Equal(["section"], await RpcAssert.InvalidFields(() => Officer.SetAnnualReportNoteAsync(Note("difficulty:unknown", "x")).ResponseAsync));
        Assert.Equal(["text"], await RpcAssert.InvalidFields(() => Officer.SetAnnualReportNoteAsync(Note("relief", new string('a', 5_001))).ResponseAsync));
        Assert.Equal(["text"], await RpcAssert.InvalidFields(() => Officer.SetAnnualReportNoteAsync(Note("relief", "a\u0007b")).ResponseAsync));
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => Officer.SetAnnualReportNoteAsync(Note("relief", "x", unit: "060")).ResponseAsync));
        Assert.Equal(AccessDeniedException.NotPermitted, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => factory.Client(factory.Tokens.For(Roles.Viewer, "06")).SetAnnualReportNoteAsync(Note("relief", "x")).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Officer.SetAnnualReportNoteAsync(Note("relief", "x", unit: "999")).ResponseAsync);
        Assert.DoesNotContain("relief", (await Officer.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = "058", Year = 2013 })).Notes.Select(n => n.Section));
    }
}
