namespace RedCross.Deploy.Tests;

/// <summary>deploy/compose.yaml as Docker Compose would read it (merge keys resolved; no engine here to run it).</summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<object, object> Compose = Repo.Yaml(Repo.Read("deploy/compose.yaml"));
    private static readonly string[] Hosts = [.. KubernetesTests.Services.Select(s => s.Name), "gateway"];

    [Fact]
    public void Every_service_the_gateway_RabbitMQ_and_the_telemetry_stack_are_present()
    {
        var services = Compose.Map("services").Keys.Cast<string>().ToHashSet();
        Assert.Superset(new HashSet<string>([.. Hosts, "rabbitmq", "otel-collector", "prometheus", "grafana", "jaeger"]), services);
    }

    [Fact]
    public void Every_host_has_a_readiness_healthcheck_its_own_data_volume_and_waits_for_a_healthy_broker()
    {
        var declared = Compose.Map("volumes").Keys.Cast<string>().ToHashSet();
        var dataVolumes = new HashSet<string>();
        foreach (var host in Hosts)
        {
            var service = Compose.Map("services", host);
            var port = host == "gateway" ? 8080 : KubernetesTests.Services.Single(s => s.Name == host).Http;
            var test = string.Join(' ', service.List("healthcheck", "test").Cast<string>());
            Assert.Contains($"/dev/tcp/127.0.0.1/{port}", test, StringComparison.Ordinal);
            Assert.Contains("/health/ready", test, StringComparison.Ordinal);
            Assert.NotNull(service.At("build", "args", "PROJECT"));
            Assert.Equal("deploy/Dockerfile", service.Text("build", "dockerfile"));

            var data = service.List("volumes").Cast<string>().Single(v => v.EndsWith(":/data", StringComparison.Ordinal)).Split(':')[0];
            Assert.Contains(data, declared);
            Assert.True(dataVolumes.Add(data), $"{host} shares its data volume {data}");

            var dependsOn = service.Map("depends_on");
            if (host == "gateway")
            {
                Assert.All(KubernetesTests.Services, s => Assert.Equal("service_healthy", dependsOn.Text(s.Name, "condition")));
            }
            else
            {
                Assert.Equal("service_healthy", dependsOn.Text("rabbitmq", "condition"));
            }
        }

        Assert.NotEmpty(Compose.List("services", "rabbitmq", "healthcheck", "test"));
    }

    [Fact]
    public void Images_carry_a_version_never_latest()
    {
        foreach (var (name, service) in Compose.Map("services"))
        {
            var image = service.Text("image");
            Assert.False(image is null, $"{name} has no image");
            // No registry with a port here: the tag is what follows the first ':' (it may hold "${VAR:?a/b}").
            var tag = image.Split(':', 2) is [_, var t] ? t : null;
            Assert.False(tag is null or "latest", $"{name}: {image} has no pinned tag");
            if (Hosts.Contains((string)name))
            {
                Assert.StartsWith("${REDCROSS_VERSION", tag, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_broker_account_comes_from_the_environment_never_guest()
    {
        Assert.DoesNotContain("guest", Repo.Read("deploy/compose.yaml"), StringComparison.OrdinalIgnoreCase);
        var rabbit = Compose.Strings("services", "rabbitmq", "environment");
        Assert.StartsWith("${RABBITMQ_USERNAME:?", rabbit["RABBITMQ_DEFAULT_USER"], StringComparison.Ordinal);
        Assert.StartsWith("${RABBITMQ_PASSWORD:?", rabbit["RABBITMQ_DEFAULT_PASS"], StringComparison.Ordinal);
        Assert.Contains(Compose.List("services", "rabbitmq", "volumes").Cast<string>(), v => v.StartsWith("./rabbitmq/rabbitmq.conf:", StringComparison.Ordinal));
        Assert.Contains("default_queue_type = quorum", Repo.Read("deploy/rabbitmq/rabbitmq.conf"), StringComparison.Ordinal);
        foreach (var host in KubernetesTests.Services.Select(s => s.Name))
        {
            var env = Compose.Strings("services", host, "environment");
            Assert.Equal("rabbitmq", env["Messaging__RabbitMq__Host"]);
            Assert.Equal(rabbit["RABBITMQ_DEFAULT_USER"], env["Messaging__RabbitMq__Username"]);
            Assert.Equal(rabbit["RABBITMQ_DEFAULT_PASS"], env["Messaging__RabbitMq__Password"]);
            Assert.DoesNotContain(env.Values, v => v.Contains("localhost", StringComparison.Ordinal));
        }

        Assert.Contains("deploy/.env", Repo.Read(".gitignore"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_points_every_cluster_at_its_service_by_name()
    {
        var env = Compose.Strings("services", "gateway", "environment");
        foreach (var (cluster, address) in GatewayClusters.Expected())
        {
            Assert.Equal(address, env.GetValueOrDefault($"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address"));
        }

        Assert.DoesNotContain(env.Values, v => v.Contains("localhost", StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_scrapes_every_host_and_loads_the_mounted_alert_rules()
    {
        var prometheus = Repo.Yaml(Repo.Read("deploy/prometheus/prometheus.yaml"));
        var targets = prometheus.List("scrape_configs").SelectMany(j => j.List("static_configs")).SelectMany(s => s.List("targets")).Cast<string>().ToHashSet();
        foreach (var host in Hosts)
        {
            var port = host == "gateway" ? 8080 : KubernetesTests.Services.Single(s => s.Name == host).Http;
            Assert.Contains($"{host}:{port}", targets);
        }

        Assert.Contains("rabbitmq:15692", targets);
        var mounts = Compose.List("services", "prometheus", "volumes").Cast<string>().ToList();
        var rules = prometheus.List("rule_files").Cast<string>().Single();
        Assert.Contains($"./prometheus/alerts.yaml:{rules}:ro", mounts);
        Assert.Contains("./prometheus/prometheus.yaml:/etc/prometheus/prometheus.yaml:ro", mounts);
    }

    [Fact]
    public void Grafana_the_collector_and_Jaeger_are_wired_to_their_files()
    {
        var grafana = Compose.List("services", "grafana", "volumes").Cast<string>().ToList();
        Assert.Contains("./grafana/provisioning/datasources:/etc/grafana/provisioning/datasources:ro", grafana);
        Assert.Contains("./grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro", grafana);
        Assert.Contains("./grafana/dashboards:/var/lib/grafana/dashboards:ro", grafana);
        Assert.Contains("./otel-collector.yaml:/etc/otelcol/config.yaml:ro", Compose.List("services", "otel-collector", "volumes").Cast<string>());
        var collector = Repo.Yaml(Repo.Read("deploy/otel-collector.yaml"));
        Assert.Equal("jaeger:4317", collector.Text("exporters", "otlp/jaeger", "endpoint"));
        Assert.Contains("otlp/jaeger", collector.List("service", "pipelines", "traces", "exporters").Cast<string>());
        foreach (var relative in new[] { "deploy/prometheus/alerts.yaml", "deploy/grafana/dashboards/redcross.json", "deploy/rabbitmq/enabled_plugins" })
        {
            Assert.True(File.Exists(Repo.PathOf(relative)), relative);
        }
    }
}
