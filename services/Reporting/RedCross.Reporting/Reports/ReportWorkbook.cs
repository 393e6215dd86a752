using MiniExcelLibs;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>The annual report's data as an Excel workbook: a sheet per section of the report (section I's paragraphs,
/// the child units, the months, the programmes, the commendations, the difficulties, the suggested targets, the
/// appendix's indicators), a header row of labels in the report's language, and every figure a number cell (whole
/// đồng, counts, ml), never text, so an officer sums and charts it. A child unit without any record that year has
/// empty cells (the report's "–"), as does a target not set.</summary>
internal static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Of(AnnualReport report, string language)
    {
        var vi = language == Figures.Vietnamese;
        string T(string v, string e) => vi ? v : e;
        var sheets = new Dictionary<string, object>
        {
            [T("I. Kết quả", "I. Results")] = Rows(report.Areas, a => [(T("Lĩnh vực", "Area"), vi ? a.TitleVi : a.TitleEn), (T("Nội dung", "Text"), vi ? a.TextVi : a.TextEn)]),
            [T("Đơn vị trực thuộc", "Units below")] = Rows(report.ChildUnits, u =>
            {
                var values = u.Figures.ToDictionary(f => f.Code, f => f.Value);
                var noTarget = values.GetValueOrDefault(Indicators.GrowthTarget) == 0;
                return [(T("Mã", "Code"), u.OrgUnit), (T("Đơn vị", "Unit"), u.OrgUnitName),
                    .. Indicators.ChildUnitColumns.Select(c => (Label(c, vi),
                        !u.Recorded || (noTarget && c is Indicators.GrowthTarget or Indicators.GrowthPercent) ? null : (object?)values.GetValueOrDefault(c)))];
            }),
            [T("Theo tháng", "By month")] = Rows(report.Months, m =>
                [(T("Tháng", "Month"), m.Month), .. Indicators.MonthlyChartCodes.Select(c => (Label(c, vi), (object?)(m.Figures.FirstOrDefault(f => f.Code == c)?.Value ?? 0)))]),
            [T("Chương trình", "Programmes")] = Rows(report.Programmes, p =>
            [
                (T("Chương trình", "Programme"), p.Campaign), (T("Loại", "Type"), p.Type),
                (T("Đối tác", "Partners"), string.Join(", ", p.Partners)), (T("Nhà tài trợ", "Sponsors"), string.Join(", ", p.Sponsors)),
                (T("Đối tượng", "Beneficiaries"), p.Beneficiaries), (T("Lượt khám, tư vấn", "Visits"), p.Visits),
                (T("Buổi truyền thông", "Communication sessions"), p.CommunicationSessions), (T("Lượt hiến máu", "Blood donations"), p.BloodDonations),
                (T("Lượng máu (ml)", "Blood (ml)"), p.BloodVolumeMl), (T("Giá trị (đồng)", "Value (VND)"), p.ValueVnd),
            ]),
            [T("Khen thưởng", "Commendations")] = Rows(report.Commendations, c =>
            [
                (T("Cấp khen", "Issuer"), c.Issuer), (T("Hình thức", "Form"), c.Form), (T("Phong trào", "Movement"), MovementLabel.Of(c.Movement, language)),
                (T("Tập thể", "Collectives"), c.Collectives), (T("Cá nhân", "Individuals"), c.Individuals), (T("Tiền thưởng (đồng)", "Cash (VND)"), c.CashVnd),
            ]),
            [T("II. Khó khăn", "II. Difficulties")] = Rows(report.Difficulties, d => [(T("Khó khăn, hạn chế", "Difficulty"), vi ? d.TextVi : d.TextEn)]),
            [T("III. Chỉ tiêu đề xuất", "III. Suggested targets")] = Rows(report.Directions?.SuggestedTargets ?? [], t =>
                [(T("Mã", "Code"), t.Code), (T("Chỉ tiêu", "Indicator"), vi ? t.LabelVi : t.LabelEn), (T("Đề xuất", "Suggested"), t.Value), (T("Căn cứ", "Basis"), vi ? t.BasisVi : t.BasisEn)]),
            [T("Phụ lục", "Appendix")] = Rows(report.Indicators, i =>
            [
                (T("Mã", "Code"), i.Code), (T("Chỉ tiêu", "Indicator"), vi ? i.LabelVi : i.LabelEn),
                (T($"Năm {report.Year - 1}", $"{report.Year - 1}"), report.PreviousYearIndicators.FirstOrDefault(p => p.Code == i.Code)?.Value),
                (T($"Năm {report.Year}", $"{report.Year}"), i.Value),
            ]),
        };

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static string Label(string code, bool vi) => vi ? Indicators.Of(code).Vi : Indicators.Of(code).En;

    /// <summary>A sheet's rows, each a column label → cell value (a long or int is a number cell, null an empty one); a
    /// section with nothing in it is an empty sheet.</summary>
    private static List<Dictionary<string, object?>> Rows<T>(IEnumerable<T> items, Func<T, (string Label, object? Value)[]> row) =>
        [.. items.Select(item => row(item).ToDictionary(c => c.Label, c => c.Value))];
}
