using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;
using ScottPlot;

namespace RedCross.Reporting.Reports;

/// <summary>A chart of the report: a key the templates name it by, its caption, and the plot it draws.</summary>
internal sealed partial record ReportChart(string Key, string Title, Func<Plot> Draw, int Height = 360)
{
    private const int Width = 800;

    public string Svg()
    {
        var plot = Draw();
        // Without the XML declaration: the SVG goes inline into the HTML page.
        var svg = plot.GetSvgXml(Width, Height);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        // ScottPlot numbers clip paths from a counter of the process: renumbered within the chart and named after it,
        // the same report renders the same page, and two charts on one page never share an id.
        var ids = new Dictionary<string, string>();
        return ClipId().Replace(svg, m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = $"{Key}-clip{ids.Count + 1}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    /// <summary>PNG at one and a half times the size, so a printed page (16 cm wide) gets about 190 dots per inch: sharp
    /// in print, and about half the pixels (and the time to draw and compress them) of twice the size.</summary>
    public byte[] Png()
    {
        var plot = Draw();
        plot.ScaleFactor = PrintScale;
        return plot.GetImageBytes((int)(Width * PrintScale), (int)(Height * PrintScale), ImageFormat.Png);
    }

    private const float PrintScale = 1.5f;
}

/// <summary>The report's charts, drawn on the server from the report's own data: each charted flow month by month, and
/// each child unit's new members against its target. Made for black-and-white print: grey fills told apart by hatching,
/// labelled axes, no meaning carried by colour alone.</summary>
internal static class ReportCharts
{
    public static IReadOnlyList<ReportChart> Of(AnnualReport report, string language)
    {
        var vi = language == Figures.Vietnamese;
        var charts = new List<ReportChart>();
        foreach (var code in Indicators.MonthlyChartCodes)
        {
            var values = report.Months.OrderBy(m => m.Month).Select(m => (double)(m.Figures.FirstOrDefault(f => f.Code == code)?.Value ?? 0)).ToArray();
            if (values.Any(v => v != 0))
            {
                var label = vi ? Indicators.Of(code).Vi : Indicators.Of(code).En;
                var title = vi ? $"{label} theo tháng, năm {report.Year}" : $"{label} by month, {report.Year}";
                charts.Add(new ReportChart("month-" + code.Replace('.', '-').Replace('_', '-'), title,
                    () => ByMonth(values, AxisLabel(code, vi), vi)));
            }
        }

        var units = report.ChildUnits.Where(u => u.Recorded).ToList();
        if (units.Count > 0)
        {
            var title = vi ? $"Kết nạp hội viên mới và chỉ tiêu của các đơn vị trực thuộc, năm {report.Year}"
                : $"New members and targets of the units below, {report.Year}";
            // A bar pair per unit keeps its height however many units a province has.
            charts.Add(new ReportChart("units-members", title, () => ByUnit(units, vi), Height: Math.Max(360, 120 + (units.Count * 36))));
        }

        return charts;
    }

    /// <summary>The vertical axis says what is counted in a few words; the caption names the whole indicator.</summary>
    private static string AxisLabel(string code, bool vi) => code switch
    {
        Indicators.MembersNew => vi ? "Hội viên" : "Members",
        Indicators.ReliefBeneficiariesReached => vi ? "Lượt người" : "People",
        Indicators.CampaignVisits => vi ? "Lượt khám, tư vấn" : "Visits",
        Indicators.CampaignBloodDonations => vi ? "Đơn vị máu" : "Blood units",
        _ => vi ? "Số lượng" : "Count",
    };

    private static Plot ByMonth(double[] values, string label, bool vi)
    {
        var plot = NewPlot(vi);
        var bars = plot.Add.Bars(values);
        foreach (var bar in bars.Bars)
        {
            Grey(bar, Colors.DarkGray, hatched: false);
            bar.Label = bar.Value == 0 ? string.Empty : Figures.Number((long)bar.Value, vi ? Figures.Vietnamese : Figures.English);
        }

        string[] months = vi
            ? [.. Enumerable.Range(1, 12).Select(m => $"T{m}")]
            : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, 12).Select(i => (double)i)], months);
        plot.XLabel(vi ? "Tháng" : "Month");
        plot.YLabel(label);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        return plot;
    }

    /// <summary>Horizontal bars, so the units' names read level: per unit, its new members (solid grey) above its
    /// target (white, hatched); a unit without a target has no second bar.</summary>
    private static Plot ByUnit(List<ChildUnitFigures> units, bool vi)
    {
        var plot = NewPlot(vi);
        var results = new List<Bar>();
        var targets = new List<Bar>();
        for (var i = 0; i < units.Count; i++)
        {
            var figures = units[i].Figures.ToDictionary(f => f.Code, f => f.Value);
            var position = (units.Count - 1 - i) * 3;
            results.Add(Grey(new Bar { Position = position + 0.5, Value = figures.GetValueOrDefault(Indicators.MembersNew), Size = 1 }, Colors.DarkGray, hatched: false));
            if (figures.GetValueOrDefault(Indicators.GrowthTarget) is > 0 and var target)
            {
                targets.Add(Grey(new Bar { Position = position - 0.5, Value = target, Size = 1 }, Colors.White, hatched: true));
            }
        }

        plot.Add.Bars(results).Horizontal = true;
        if (targets.Count > 0)
        {
            plot.Add.Bars(targets).Horizontal = true;
        }

        // The legend's keys drawn as the bars are (a bar series' own key has its colour but not its hatching).
        plot.Legend.ManualItems.Add(Key(vi ? "Kết nạp mới" : "New members", Colors.DarkGray, hatched: false));
        if (targets.Count > 0)
        {
            plot.Legend.ManualItems.Add(Key(vi ? "Chỉ tiêu" : "Target", Colors.White, hatched: true));
        }

        plot.Axes.Left.SetTicks([.. units.Select((_, i) => (double)((units.Count - 1 - i) * 3))], [.. units.Select(u => ReportModel.PlaceOf(u.OrgUnitName))]);
        plot.XLabel(vi ? "Số hội viên" : "Members");
        plot.Axes.Margins(left: 0, right: 0.1);
        // Below the plot, where no bar runs under it.
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot NewPlot(bool vi)
    {
        var plot = new Plot();
        plot.Font.Set(ChartFont.Name);
        // Ticks written as the report writes numbers ("1.200" in Vietnamese), whole numbers only: these are counts.
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = v => Figures.Number((long)Math.Round(v), vi ? Figures.Vietnamese : Figures.English),
            };
        }

        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.15);
        return plot;
    }

    private static LegendItem Key(string text, Color fill, bool hatched) => new()
    {
        LabelText = text,
        LabelFontName = ChartFont.Name,
        FillColor = fill,
        FillHatch = hatched ? new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp) : null,
        FillHatchColor = Colors.Black,
        OutlineColor = Colors.Black,
        OutlineWidth = 1,
    };

    private static Bar Grey(Bar bar, Color fill, bool hatched)
    {
        bar.FillColor = fill;
        bar.LineColor = Colors.Black;
        bar.LineWidth = 1;
        if (hatched)
        {
            bar.FillHatch = new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp);
            bar.FillHatchColor = Colors.Black;
        }

        return bar;
    }
}
