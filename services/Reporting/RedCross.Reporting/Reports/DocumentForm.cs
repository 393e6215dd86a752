using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>What an issued report was given when it was handed in: its number (with or without its symbol), date and
/// signer; the title's lines are separated by '/' ("TM. BAN THƯỜNG VỤ / CHỦ TỊCH").</summary>
internal sealed record IssuedAs(string Number, DateOnly IssuedOn, string SignerName, string SignerTitle);

/// <summary>The parts of an administrative document (Decree 30/2020/NĐ-CP) around the report's body: the number and
/// symbol, the place and date, the recipients (Nơi nhận) and the signer's block. A draft has a blank number
/// ("Số:      /BC-CTĐ") and no signer's name, as an office prints it before the chair signs.</summary>
internal sealed record DocumentForm(string Number, string NumberLine, string PlaceAndDate, IReadOnlyList<string> SignerTitle,
    string SignerName, IReadOnlyList<string> Recipients)
{
    /// <summary>The symbol after the number: a report (BC) of the Red Cross (CTĐ), as DOMAIN.md's "Số: 25/BC-CTĐ".</summary>
    public const string Symbol = "BC-CTĐ";

    // Room for the number written in by hand on a draft; no-break spaces, so Markdown and HTML keep the gap.
    private static readonly string BlankNumber = new('\u00A0', 6);

    /// <summary>The form of <paramref name="report"/>: the issued version's number, date and signer when it has been
    /// issued, otherwise a draft dated <paramref name="datedOn"/>.</summary>
    public static DocumentForm From(AnnualReport report, string language, DateOnly datedOn, IssuedAs? issued = null)
    {
        var vi = language == Figures.Vietnamese;
        var number = issued?.Number ?? string.Empty;
        var title = issued?.SignerTitle is { Length: > 0 } t
            ? t.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : vi ? ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"] : ["ON BEHALF OF THE STANDING COMMITTEE", "CHAIR"];
        // The level above receives the report; the office keeps a copy (a unit at the top of the tree only keeps one).
        var recipients = new List<string>();
        if (report.ParentUnitName.Length > 0)
        {
            recipients.Add(vi ? $"{report.ParentUnitName} (để báo cáo);" : $"{report.ParentUnitName} (for its information);");
        }

        recipients.Add(vi ? "Lưu: VP." : "File: office.");
        return new DocumentForm(
            number,
            // A number issued with its symbol ("25/BC-CTĐ") is printed as it was given.
            $"{(vi ? "Số" : "No.")}: " + (number.Contains('/', StringComparison.Ordinal) ? number : $"{(number.Length > 0 ? number : BlankNumber)}/{Symbol}"),
            Figures.PlaceAndDate(ReportModel.PlaceOf(report.OrgUnitName), issued?.IssuedOn ?? datedOn, language),
            title,
            issued?.SignerName ?? string.Empty,
            recipients);
    }

    /// <summary>The form as the templates see it, under `document`.</summary>
    public Dictionary<string, object> ToModel() => new()
    {
        ["number"] = Number,
        ["number_line"] = NumberLine,
        ["symbol"] = Symbol,
        ["place_and_date"] = PlaceAndDate,
        ["signer_title"] = SignerTitle.Cast<object>().ToList(),
        ["signer_name"] = SignerName,
        ["recipients"] = Recipients.Cast<object>().ToList(),
    };
}
