using System.Globalization;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>The hand-in's part of the template model: the issue (blank while a draft, so the form prints
/// "Số:    /BC-…"), the staff's notes as paragraphs, and the amendments since the issue, written in the report's language.</summary>
internal static class HandInModel
{
    public static Dictionary<string, object> Issue(AnnualReport report)
    {
        var issue = report.Issue;
        var on = issue is null ? null : (DateOnly?)DateOnly.ParseExact(issue.IssuedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Dictionary<string, object>
        {
            ["issued"] = issue is not null,
            ["number"] = issue?.Number ?? string.Empty,
            ["issued_on"] = issue?.IssuedOn ?? string.Empty,
            ["issued_on_text"] = on?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? string.Empty,
            ["signer_name"] = issue?.SignerName ?? string.Empty,
            ["signer_title"] = issue?.SignerTitle ?? string.Empty,
            ["version"] = issue?.Version ?? 0,
        };
    }

    /// <summary>Every section's note as paragraphs (an empty list where none), so a template writes
    /// <c>section_notes.programmes</c> without checking that the key exists.</summary>
    public static Dictionary<string, object> SectionNotes(AnnualReport report) =>
        NoteSections.Sections.ToDictionary(s => s, s => (object)NoteOf(report, s));

    public static List<object> NoteOf(AnnualReport report, string section) =>
        Paragraphs(report.Notes.FirstOrDefault(n => n.Section == section)?.Text);

    /// <summary>A difficulty's text with the note on its causes.</summary>
    public static List<object> Difficulties(AnnualReport report, bool vi) =>
        [.. report.Difficulties.Select(d => (object)new Dictionary<string, object>
        {
            ["code"] = d.Code,
            ["text"] = vi ? d.TextVi : d.TextEn,
            ["note"] = NoteOf(report, NoteSections.ForDifficulty(d.Code)),
        })];

    public static List<object> Amendments(AnnualReport report, string language) =>
        [.. report.Amendments.Select(a => (object)new Dictionary<string, object>
        {
            ["code"] = a.Code,
            ["label"] = language == Figures.Vietnamese ? a.LabelVi : a.LabelEn,
            ["issued"] = Format(a.Code, a.Issued, language),
            ["now"] = Format(a.Code, a.Now, language),
            ["difference"] = (a.Difference > 0 ? "+" : a.Difference < 0 ? "-" : string.Empty) + Format(a.Code, Math.Abs(a.Difference), language),
        })];

    private static string Format(string code, long value, string language) =>
        Indicators.Catalog.FirstOrDefault(i => i.Code == code) is { } known
            ? Figures.Format(value, known.Unit, language)
            : Figures.Number(value, language);

    private static List<object> Paragraphs(string? text) =>
        [.. (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (object)p.Replace('\n', ' '))];
}
