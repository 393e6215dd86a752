using System.Text;
using System.Text.RegularExpressions;

namespace RedCross.Deploy.Tests;

/// <summary>The Prometheus series names the hosts' /metrics serves for the platform's own instruments,
/// derived from the instrument names and units in the source (services/ and gateway/), by the rules of
/// OpenTelemetry's Prometheus exporter (OpenTelemetry.Exporter.Prometheus.AspNetCore 1.x, after the
/// OpenTelemetry specification's "Prometheus and OpenMetrics compatibility"):
/// 1. every character other than a letter, digit or ':' becomes '_', runs of '_' collapse to one;
/// 2. the unit loses its {annotations} ("{event}" is no unit at all), UCUM abbreviations become words
///    ("s" → seconds, "ms" → milliseconds, "By" → bytes, "1" → nothing), "a/b" becomes "a_per_b";
///    the unit is appended as "_unit" unless the name already contains it;
/// 3. a counter (monotonic sum) gets "_total" unless its name contains "total"; a gauge of unit "1" gets "_ratio";
/// 4. a histogram is served as its "_bucket", "_sum" and "_count" series.
/// Example: redcross.outbox.backlog.age (gauge, s) → redcross_outbox_backlog_age_seconds;
/// redcross.events.parked (counter, {event}) → redcross_events_parked_total.</summary>
internal static partial class ExportedMetrics
{
    public enum Kind { Counter, UpDownCounter, Gauge, Histogram }

    public sealed record Instrument(string Name, string Unit, Kind Kind, string File);

    public static IReadOnlyList<Instrument> InSource()
    {
        var found = new List<Instrument>();
        foreach (var folder in new[] { "services", "gateway" })
        {
            foreach (var file in Directory.EnumerateFiles(Repo.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                {
                    continue;
                }

                foreach (Match m in CreateCall().Matches(File.ReadAllText(file)))
                {
                    var unit = UnitArgument().Match(m.Groups["args"].Value) is { Success: true } u ? u.Groups[1].Value : string.Empty;
                    found.Add(new Instrument(m.Groups["name"].Value, unit, KindOf(m.Groups["method"].Value), Path.GetRelativePath(Repo.Root, file)));
                }
            }
        }

        return found;
    }

    /// <summary>Every series name the instruments in the source are exported under.</summary>
    public static HashSet<string> SeriesInSource() => [.. InSource().SelectMany(i => Series(i.Name, i.Unit, i.Kind))];

    public static IEnumerable<string> Series(string name, string unit, Kind kind)
    {
        var metric = Sanitize(name);
        var promUnit = PrometheusUnit(unit);
        if (promUnit.Length > 0 && !metric.Contains(promUnit, StringComparison.Ordinal))
        {
            metric += "_" + promUnit;
        }

        if (kind == Kind.Counter && !metric.Contains("total", StringComparison.Ordinal))
        {
            metric += "_total";
        }

        if (kind == Kind.Gauge && unit == "1" && !metric.Contains("ratio", StringComparison.Ordinal))
        {
            metric += "_ratio";
        }

        return kind == Kind.Histogram ? [metric + "_bucket", metric + "_sum", metric + "_count"] : [metric];
    }

    private static Kind KindOf(string method) => method switch
    {
        "Counter" or "ObservableCounter" => Kind.Counter,
        "UpDownCounter" or "ObservableUpDownCounter" => Kind.UpDownCounter,
        "Histogram" => Kind.Histogram,
        _ => Kind.Gauge,
    };

    private static string Sanitize(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            var keep = char.IsLetterOrDigit(c) || c == ':';
            if (sb.Length == 0 && char.IsDigit(c))
            {
                sb.Append('_');
            }

            if (keep)
            {
                sb.Append(c);
            }
            else if (sb.Length == 0 || sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        return sb.ToString();
    }

    private static string PrometheusUnit(string unit)
    {
        var plain = Annotation().Replace(unit, string.Empty);
        var slash = plain.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < plain.Length - 1
            ? Word(plain[..slash]) + "_per_" + PerWord(plain[(slash + 1)..])
            : Word(plain);
    }

    private static string Word(string unit) => unit switch
    {
        "d" => "days", "h" => "hours", "min" => "minutes", "s" => "seconds", "ms" => "milliseconds",
        "us" => "microseconds", "ns" => "nanoseconds", "By" or "B" => "bytes", "KiBy" => "kibibytes",
        "MiBy" => "mebibytes", "GiBy" => "gibibytes", "KBy" or "KB" => "kilobytes", "MBy" or "MB" => "megabytes",
        "GBy" or "GB" => "gigabytes", "1" => string.Empty, "%" => "percent", _ => unit,
    };

    private static string PerWord(string unit) => unit switch
    {
        "s" => "second", "m" => "minute", "h" => "hour", "d" => "day", "w" => "week", "mo" => "month", "y" => "year", _ => unit,
    };

    [GeneratedRegex("""Create(?<method>Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<\w+>)?\(\s*"(?<name>[^"]+)"(?<args>[^;]*);""", RegexOptions.Singleline)]
    private static partial Regex CreateCall();

    [GeneratedRegex(@"unit:\s*""([^""]*)""")]
    private static partial Regex UnitArgument();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Annotation();
}
