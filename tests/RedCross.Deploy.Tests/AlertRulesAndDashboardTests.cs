using System.Text.Json;
using System.Text.RegularExpressions;

namespace RedCross.Deploy.Tests;

/// <summary>The alert rules and the dashboard an operations team loads on day one: they parse, and every
/// platform metric they name is one the code exports (<see cref="ExportedMetrics"/>).</summary>
public sealed partial class AlertRulesAndDashboardTests
{
    private static readonly HashSet<string> Exported = ExportedMetrics.SeriesInSource();

    [Fact]
    public void The_exporter_naming_follows_OpenTelemetrys_rules_on_known_examples()
    {
        Assert.Equal(["redcross_events_published_total"], ExportedMetrics.Series("redcross.events.published", "{event}", ExportedMetrics.Kind.Counter));
        Assert.Equal(["redcross_outbox_backlog_age_seconds"], ExportedMetrics.Series("redcross.outbox.backlog.age", "s", ExportedMetrics.Kind.Gauge));
        Assert.Equal(["redcross_outbox_backlog"], ExportedMetrics.Series("redcross.outbox.backlog", "{event}", ExportedMetrics.Kind.Gauge));
        Assert.Equal(
            ["http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_sum", "http_server_request_duration_seconds_count"],
            ExportedMetrics.Series("http.server.request.duration", "s", ExportedMetrics.Kind.Histogram));
        Assert.Equal(["io_bytes_per_second_total"], ExportedMetrics.Series("io", "By/s", ExportedMetrics.Kind.Counter));
    }

    [Fact]
    public void The_instruments_are_found_in_the_source()
    {
        var names = ExportedMetrics.InSource().Select(i => i.Name).ToHashSet();
        Assert.Contains("redcross.outbox.age", names);
        Assert.Contains("redcross.projection.lag", names);
        Assert.Contains("redcross.events.parked", names);
        Assert.Contains("redcross_outbox_age_seconds_bucket", Exported);
        Assert.Contains("redcross_outbox_backlog_age_seconds", Exported);
        Assert.DoesNotContain("redcross_outbox_age_total", Exported);
    }

    [Fact]
    public void Every_rule_has_a_name_an_expression_a_severity_and_a_summary()
    {
        var groups = Rules().List("groups");
        Assert.NotEmpty(groups);
        var names = new HashSet<string>();
        foreach (var group in groups)
        {
            Assert.False(string.IsNullOrWhiteSpace(group.Text("name")));
            var rules = group.List("rules");
            Assert.NotEmpty(rules);
            foreach (var rule in rules)
            {
                var alert = rule.Text("alert");
                Assert.False(string.IsNullOrWhiteSpace(alert), "a rule without `alert`");
                Assert.True(names.Add(alert!), $"alert {alert} defined twice");
                Assert.False(string.IsNullOrWhiteSpace(rule.Text("expr")), $"{alert}: no expr");
                Assert.Contains(rule.Text("labels", "severity"), new[] { "critical", "warning", "info" });
                Assert.False(string.IsNullOrWhiteSpace(rule.Text("annotations", "summary")), $"{alert}: no summary");
                if (rule.Text("for") is { } duration)
                {
                    Assert.Matches(@"^\d+[smh]$", duration);
                }

                Assert.NotEmpty(MetricNames(rule.Text("expr")!));
                AssertBalanced(alert!, rule.Text("expr")!);
            }
        }
    }

    [Fact]
    public void The_rules_cover_outbox_age_projection_lag_parked_events_error_queues_and_a_service_down()
    {
        var expressions = Rules().List("groups").SelectMany(g => g.List("rules")).Select(r => r.Text("expr")!).ToList();
        Assert.Contains(expressions, e => e.Contains("redcross_outbox_backlog_age_seconds", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("redcross_projection_", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("redcross_events_parked_total", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("rabbitmq_queue_messages", StringComparison.Ordinal) && e.Contains("_error", StringComparison.Ordinal));
        Assert.Contains(expressions, e => Regex.IsMatch(e, @"\bup\{job=""redcross""\}\s*==\s*0"));
    }

    [Fact]
    public void Every_platform_metric_the_rules_name_is_exported_by_the_code()
    {
        var named = Rules().List("groups").SelectMany(g => g.List("rules")).SelectMany(r => MetricNames(r.Text("expr")!)).ToList();
        var platform = named.Where(n => n.StartsWith("redcross_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(platform);
        Assert.All(platform, n => Assert.True(Exported.Contains(n), $"{n} is named by an alert rule but no instrument exports it (exported: {string.Join(", ", Exported.Order())})"));
    }

    [Fact]
    public void The_dashboard_parses_and_every_platform_metric_its_queries_name_is_exported()
    {
        using var dashboard = JsonDocument.Parse(Repo.Read("deploy/grafana/dashboards/redcross.json"));
        Assert.False(string.IsNullOrWhiteSpace(dashboard.RootElement.GetProperty("uid").GetString()));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        var expressions = panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.Equal(panels.Count, panels.Count(p => p.GetProperty("targets").GetArrayLength() > 0));
        Assert.All(panels, p => Assert.Equal("prometheus", p.GetProperty("datasource").GetProperty("uid").GetString()));
        var platform = expressions.SelectMany(MetricNames).Where(n => n.StartsWith("redcross_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(platform);
        Assert.All(platform, n => Assert.True(Exported.Contains(n), $"the dashboard queries {n}, which no instrument exports"));
    }

    [Fact]
    public void Grafana_is_provisioned_with_the_datasource_the_dashboard_uses_and_the_dashboards_folder()
    {
        var datasources = Repo.Yaml(Repo.Read("deploy/grafana/provisioning/datasources/prometheus.yaml")).List("datasources");
        Assert.Contains(datasources, d => d.Text("uid") == "prometheus" && d.Text("url") == "http://prometheus:9090");
        var provider = Repo.Yaml(Repo.Read("deploy/grafana/provisioning/dashboards/redcross.yaml")).List("providers").Single();
        Assert.Equal("/var/lib/grafana/dashboards", provider.Text("options", "path"));
    }

    internal static IEnumerable<string> MetricNames(string expression)
    {
        // Identifiers that are series: not label names (inside {...}), not functions or keywords, not durations.
        var withoutLabels = LabelMatchers().Replace(expression, "{}");
        withoutLabels = Strings().Replace(withoutLabels, "\"\"");
        return Identifier().Matches(withoutLabels).Select(m => m.Value)
            .Where(id => !PromQlWords.Contains(id) && !GroupingLabels(withoutLabels).Contains(id)).Distinct();
    }

    private static readonly HashSet<string> PromQlWords =
    [
        "sum", "max", "min", "avg", "count", "by", "without", "rate", "irate", "increase", "histogram_quantile",
        "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "topk", "bottomk", "abs", "delta",
        "deriv", "time", "vector", "scalar", "absent", "clamp_min", "clamp_max", "max_over_time", "min_over_time",
        "avg_over_time", "le", "offset", "bool",
    ];

    private static HashSet<string> GroupingLabels(string expression) =>
        [.. Grouping().Matches(expression).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    private static void AssertBalanced(string alert, string expression)
    {
        var depth = 0;
        foreach (var c in expression)
        {
            depth += c switch { '(' or '{' or '[' => 1, ')' or '}' or ']' => -1, _ => 0 };
            Assert.True(depth >= 0, $"{alert}: unbalanced brackets in {expression}");
        }

        Assert.True(depth == 0, $"{alert}: unbalanced brackets in {expression}");
    }

    private static Dictionary<object, object> Rules() => Repo.Yaml(Repo.Read("deploy/prometheus/alerts.yaml"));

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"(?<![\w.\[])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\w:])(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();
}
