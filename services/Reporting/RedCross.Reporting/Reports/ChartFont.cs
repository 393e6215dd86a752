using SkiaSharp;

namespace RedCross.Reporting.Reports;

/// <summary>The font the charts are drawn in, loaded from a file: SkiaSharp's Linux build here has no fontconfig, so
/// a family name alone finds nothing. DejaVu Serif (Debian's fonts-dejavu-core, which fontconfig itself depends on and
/// the test script and the image install): a serif like the report's Times New Roman, with every Vietnamese letter
/// (Liberation Serif, Times New Roman's metric twin in Debian, lacks them). A font is taken only if it has Vietnamese
/// letters; with none, ScottPlot's default is used (the chart still draws; letters it lacks show as boxes) rather
/// than failing the report.</summary>
internal static class ChartFont
{
    public const string VietnameseSample = "ĐđƠơƯưẠạẢảẤấẦầẬậẾếỆệỎỏỐốỒồỘộỚớỜờỢợỤụỨứỪừỰựỲỳỸỹ";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        @"C:\Windows\Fonts\times.ttf",
    ];

    private static readonly Lazy<string> Family = new(Load);

    /// <summary>The family name charts use (registered with ScottPlot on first use).</summary>
    public static string Name => Family.Value;

    /// <summary>The file the charts' font came from, or null when ScottPlot's default is used.</summary>
    public static string? File { get; private set; }

    private static string Load()
    {
        foreach (var path in Candidates.Where(System.IO.File.Exists))
        {
            using var typeface = SKTypeface.FromFile(path);
            if (typeface is not null && typeface.ContainsGlyphs(VietnameseSample))
            {
                File = path;
                ScottPlot.Fonts.AddFontFile(typeface.FamilyName, path);
                return typeface.FamilyName;
            }
        }

        return ScottPlot.Fonts.Default;
    }
}
