using System.Globalization;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>The annual report as the templates see it: plain dictionaries and lists, every figure already written in
/// the report's language, so a province editing a template needs no filters of its own.</summary>
internal static class ReportModel
{
    // Words before the place name in a unit's name ("Hội Chữ thập đỏ thị xã Bắc Kạn" is dated from "Bắc Kạn").
    private static readonly string[] NamePrefixes = ["Hội Chữ thập đỏ", "Hội CTĐ", "Hội"];
    private static readonly string[] LevelWords = ["thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "phường", "xã"];

    public static Dictionary<string, object> Of(AnnualReport report, string language, DateOnly issuedOn)
    {
        var model = Body(report, language);
        // The document's form, kept apart from the body's figures (the renderer adds the charts it draws).
        var issued = report.Issue is { } issue
            ? new IssuedAs(issue.Number, DateOnly.ParseExact(issue.IssuedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture), issue.SignerName, issue.SignerTitle)
            : null;
        var form = DocumentForm.From(report, language, issuedOn, issued);
        model["document"] = form.ToModel();
        // Templates copied before the form had its own block print the date from here.
        model["place_and_date"] = form.PlaceAndDate;
        return model;
    }

    private static Dictionary<string, object> Body(AnnualReport report, string language)
    {
        var vi = language == Figures.Vietnamese;
        var figures = report.Indicators.ToDictionary(i => i.Code, i => (object)Figures.Format(i.Value, Indicators.Of(i.Code).Unit, language));
        var previous = report.PreviousYearIndicators.ToDictionary(i => i.Code, i => Figures.Format(i.Value, Indicators.Of(i.Code).Unit, language));
        return new Dictionary<string, object>
        {
            ["language"] = language,
            ["title"] = vi ? report.TitleVi : report.TitleEn,
            ["unit_code"] = report.OrgUnit,
            ["unit_name"] = report.OrgUnitName,
            ["unit_name_upper"] = report.OrgUnitName.ToUpperInvariant(),
            ["parent_name"] = report.ParentUnitName,
            ["parent_name_upper"] = report.ParentUnitName.ToUpperInvariant(),
            ["year"] = report.Year,
            ["next_year"] = report.Year + 1,
            ["figures"] = figures,
            ["previous_year"] = report.Year - 1,
            ["areas"] = report.Areas.Select(a => (object)new Dictionary<string, object>
            {
                ["code"] = a.Code,
                ["title"] = vi ? a.TitleVi : a.TitleEn,
                ["text"] = vi ? a.TextVi : a.TextEn,
                ["note"] = HandInModel.NoteOf(report, a.Code),
            }).ToList(),
            ["child_columns"] = Indicators.ChildUnitColumns.Select(c => (object)ChildColumn(c, vi)).ToList(),
            ["child_units"] = report.ChildUnits.Select(u => (object)new Dictionary<string, object>
            {
                ["code"] = u.OrgUnit,
                ["name"] = u.OrgUnitName,
                ["cells"] = ChildCells(u, language),
            }).ToList(),
            ["people_figures"] = PeopleBreakdown.Figures.Select(f => (object)PeopleColumn(f, vi)).ToList(),
            ["people_rows"] = PeopleRows(report, language),
            ["indicators"] = report.Indicators.Where(i => Indicators.Of(i.Code).PartOf is null).Select(i => (object)new Dictionary<string, object>
            {
                ["code"] = i.Code,
                ["label"] = vi ? i.LabelVi : i.LabelEn,
                ["previous"] = previous.GetValueOrDefault(i.Code, "–"),
                ["text"] = figures[i.Code],
            }).ToList(),
            ["programmes"] = report.Programmes.Select(p => (object)new Dictionary<string, object>
            {
                ["campaign"] = p.Campaign,
                ["type"] = p.Type,
                ["partners"] = string.Join(", ", p.Partners),
                ["sponsors"] = string.Join(", ", p.Sponsors),
                ["beneficiaries"] = Figures.Number(p.Beneficiaries, language),
                ["visits"] = Figures.Number(p.Visits, language),
                ["results"] = ProgrammeResults.Of(p, language),
                ["value"] = Figures.Money(p.ValueVnd, language),
            }).ToList(),
            ["commendations"] = report.Commendations.Select(c => (object)new Dictionary<string, object>
            {
                ["issuer"] = c.Issuer,
                ["form"] = c.Form,
                ["movement"] = MovementLabel.Of(c.Movement, language),
                ["collectives"] = Figures.Number(c.Collectives, language),
                ["individuals"] = Figures.Number(c.Individuals, language),
                ["cash"] = Figures.Money(c.CashVnd, language),
            }).ToList(),
            ["difficulties"] = report.Difficulties.Select(d => (object)(vi ? d.TextVi : d.TextEn)).ToList(),
            // Hand-in and notes (issue 18): the issue (blank while a draft), notes under sections and difficulties (a
            // difficulty's text with its note in difficulty_items; `difficulties` stays text for a province's older
            // copy of the templates), the amendments since the issue. Built in HandInModel.
            ["issue"] = HandInModel.Issue(report),
            ["section_notes"] = HandInModel.SectionNotes(report),
            ["difficulty_items"] = HandInModel.Difficulties(report, vi),
            ["amendments"] = HandInModel.Amendments(report, language),
            ["directions"] = Paragraphs(report.Directions?.Text),
            ["suggested_targets"] = (report.Directions?.SuggestedTargets ?? []).Select(t => (object)new Dictionary<string, object>
            {
                ["label"] = vi ? t.LabelVi : t.LabelEn,
                ["text"] = Figures.Format(t.Value, Indicators.Of(t.Code).Unit, language),
                ["basis"] = vi ? t.BasisVi : t.BasisEn,
            }).ToList(),
        };
    }

    private static string ChildColumn(string code, bool vi) => code switch
    {
        Indicators.MembersActive => vi ? "Hội viên (cuối năm)" : "Members (year end)",
        Indicators.MembersNew => vi ? "Kết nạp mới" : "New members",
        Indicators.GrowthTarget => vi ? "Chỉ tiêu kết nạp" : "Target",
        Indicators.GrowthPercent => vi ? "Đạt (%)" : "Met (%)",
        Indicators.ReliefActivityValue => vi ? "Giá trị cứu trợ, trao quà" : "Relief value",
        Indicators.CampaignBloodDonations => vi ? "Đơn vị máu" : "Blood donations",
        _ => vi ? Indicators.Of(code).Vi : Indicators.Of(code).En,
    };

    private static string PeopleColumn(string code, bool vi) => code switch
    {
        Indicators.MembersActive => vi ? "Hội viên (cuối kỳ)" : "Members (period end)",
        Indicators.VolunteersActive => vi ? "Tình nguyện viên (cuối kỳ)" : "Volunteers (period end)",
        Indicators.MembersNew => vi ? "Hội viên mới" : "New members",
        Indicators.VolunteersNew => vi ? "Tình nguyện viên mới" : "New volunteers",
        Indicators.ReliefBeneficiariesReached => vi ? "Lượt được trợ giúp" : "People reached (handovers)",
        Indicators.CampaignBloodDonors => vi ? "Người hiến máu" : "Blood donors",
        Indicators.CampaignBloodDonations => vi ? "Lượt hiến máu" : "Blood donations",
        _ => vi ? Indicators.Of(code).Vi : Indicators.Of(code).En,
    };

    /// <summary>The people figures by sex, then by age band: a row per sex and band, a cell per figure; none when every
    /// people figure is zero.</summary>
    private static List<object> PeopleRows(AnnualReport report, string language)
    {
        var values = report.Indicators.ToDictionary(i => i.Code, i => i.Value);
        if (PeopleBreakdown.Figures.All(f => values.GetValueOrDefault(f) == 0))
        {
            return [];
        }

        var vi = language == Figures.Vietnamese;
        var sexes = PeopleBreakdown.Sexes.Select(s => (Label: vi ? s.Vi : s.En, Code: (Func<string, string>)(f => PeopleBreakdown.BySex(f, s.Key))));
        var ages = PeopleBreakdown.AgeBands.Select(a => (
            Label: a.Key == PeopleBreakdown.UnknownAge ? (vi ? a.Vi : a.En) : (vi ? $"{a.Vi} tuổi" : $"Aged {a.En}"),
            Code: (Func<string, string>)(f => PeopleBreakdown.ByAge(f, a.Key))));
        return [.. sexes.Concat(ages).Select(row => (object)new Dictionary<string, object>
        {
            ["label"] = row.Label,
            ["cells"] = PeopleBreakdown.Figures.Select(f => (object)Figures.Number(values.GetValueOrDefault(row.Code(f)), language)).ToList(),
        })];
    }

    /// <summary>A child unit's cells: "–" throughout for a unit with no figure that year, and in the target's two
    /// columns for a unit that set no target (no target is not a target of zero).</summary>
    private static List<object> ChildCells(ChildUnitFigures unit, string language)
    {
        var values = unit.Figures.ToDictionary(f => f.Code, f => f.Value);
        var noTarget = values.GetValueOrDefault(Indicators.GrowthTarget) == 0;
        return [.. Indicators.ChildUnitColumns.Select(c => (object)(
            !unit.Recorded || (noTarget && c is Indicators.GrowthTarget or Indicators.GrowthPercent)
                ? "–"
                : Figures.Format(values.GetValueOrDefault(c), Indicators.Of(c).Unit, language)))];
    }

    /// <summary>The place a report is dated from: the unit's name without "Hội Chữ thập đỏ" and its level word.</summary>
    public static string PlaceOf(string unitName)
    {
        var place = unitName.Trim();
        foreach (var prefix in NamePrefixes.Where(p => place.StartsWith(p + " ", StringComparison.OrdinalIgnoreCase)).Take(1))
        {
            place = place[prefix.Length..].TrimStart();
        }

        foreach (var word in LevelWords.Where(w => place.StartsWith(w + " ", StringComparison.OrdinalIgnoreCase)).Take(1))
        {
            place = place[word.Length..].TrimStart();
        }

        return place.Length > 0 ? place : unitName;
    }

    private static List<object> Paragraphs(string? text) =>
        [.. (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (object)p.Replace('\n', ' '))];
}
