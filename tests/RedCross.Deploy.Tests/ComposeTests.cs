namespace RedCross.Deploy.Tests;

/// <summary>deploy/compose.yaml as Docker Compose would read it (merge keys resolved; no engine here to run it).</summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<object, object> Compose = Repo.Yaml(Repo.Read("deploy/compose.yaml"));

    /// <summary>The identity's service clients: every host but the identity and the console.</summary>
    private static readonly string[] Clients = KubernetesTests.ClientHosts;
    private static readonly string[] Hosts = [KubernetesTests.Identity.Name, .. Clients, KubernetesTests.Console.Name];

    [Fact]
    public void Every_service_the_identity_the_gateway_the_console_RabbitMQ_and_the_telemetry_stack_are_present()
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
            var port = HttpPort(host);
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
                Assert.Equal("service_healthy", dependsOn.Text(KubernetesTests.Console.Name, "condition"));
            }
            else if (host == KubernetesTests.Console.Name)
            {
                // No broker, and not the gateway: the gateway waits for it, and it calls the gateway only for a person.
                Assert.Equal([KubernetesTests.Identity.Name, "otel-collector"], dependsOn.Keys.Cast<string>().Order(StringComparer.Ordinal));
            }
            else if (host != KubernetesTests.Identity.Name)
            {
                Assert.Equal("service_healthy", dependsOn.Text("rabbitmq", "condition"));
            }

            // Every other host validates tokens from the identity and gets its service token there: it waits for it.
            if (host != KubernetesTests.Identity.Name)
            {
                Assert.Equal("service_healthy", dependsOn.Text(KubernetesTests.Identity.Name, "condition"));
            }
        }

        Assert.NotEmpty(Compose.List("services", "rabbitmq", "healthcheck", "test"));
    }

    [Fact]
    public void The_identity_keeps_its_keys_on_its_own_volume_and_knows_every_hosts_client()
    {
        var identity = Compose.Map("services", KubernetesTests.Identity.Name);
        Assert.Equal("services/Identity/RedCross.Identity.Host", identity.Text("build", "args", "PROJECT"));
        Assert.StartsWith("redcross/identity:${REDCROSS_VERSION", identity.Text("image"), StringComparison.Ordinal);
        // Its data volume (identity.db and keys/) is its only volume, and no other service mounts it.
        Assert.Equal(["identity-data:/data"], identity.List("volumes").Cast<string>());
        Assert.DoesNotContain(Compose.Map("services").Where(s => (string)s.Key != KubernetesTests.Identity.Name)
            .SelectMany(s => s.Value.List("volumes").Cast<string>()), v => v.StartsWith("identity-data:", StringComparison.Ordinal));
        Assert.Null(identity.At("ports"));

        var env = Compose.Strings("services", KubernetesTests.Identity.Name, "environment");
        Assert.Equal(KubernetesTests.IdentityAddress + "/", env["Auth__Issuer"]);
        Assert.False(env.ContainsKey("Auth__Authority"), "the identity is the authority: it must not point at one");
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Messaging__", StringComparison.Ordinal));
        Assert.Equal("events.read relief.read", env["Identity__ServiceClients__campaign__Scopes"]);
        Assert.Equal(Clients.Select(c => $"Identity__ServiceClients__{c}__Secret").Order(),
            env.Keys.Where(k => k.StartsWith("Identity__ServiceClients__", StringComparison.Ordinal) && k.EndsWith("__Secret", StringComparison.Ordinal)).Order());
        foreach (var client in Clients)
        {
            // The same variable of deploy/.env as the host's own Auth__ClientSecret, never a literal.
            var secret = env[$"Identity__ServiceClients__{client}__Secret"];
            Assert.StartsWith($"${{SERVICE_SECRET_{client.ToUpperInvariant()}:?", secret, StringComparison.Ordinal);
            Assert.Equal(secret, Compose.Strings("services", client, "environment").GetValueOrDefault("Auth__ClientSecret"));
        }
    }

    [Fact]
    public void Every_other_host_uses_the_identity_with_its_own_client_and_holds_no_key()
    {
        Assert.DoesNotContain("signing.key", Repo.Read("deploy/compose.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("keys", Compose.Map("volumes").Keys.Cast<string>());
        var secrets = new HashSet<string>();
        foreach (var host in Clients)
        {
            var service = Compose.Map("services", host);
            var env = Compose.Strings("services", host, "environment");
            Assert.Equal(KubernetesTests.IdentityAddress, env.GetValueOrDefault("Auth__Authority"));
            Assert.Equal($"service-{host}", env.GetValueOrDefault("Auth__ClientId"));
            var secret = env.GetValueOrDefault("Auth__ClientSecret");
            Assert.StartsWith($"${{SERVICE_SECRET_{host.ToUpperInvariant()}:?", secret, StringComparison.Ordinal);
            Assert.True(secrets.Add(secret!), $"{host} shares its client secret");
            Assert.False(env.ContainsKey("Auth__SigningKeyFile"), $"{host} still points at a signing key");
            Assert.False(env.ContainsKey("Auth__KeysDirectory"), $"{host} points at a key folder");
            Assert.False(env.ContainsKey("Auth__Issuer"), $"{host} sets an issuer: only the identity issues");
            // Its own data volume and nothing else: no key folder.
            Assert.Equal([$"{host}-data:/data"], service.List("volumes").Cast<string>());
        }
    }

    [Fact]
    public void The_console_signs_people_in_at_the_identity_through_the_gateways_public_address_with_no_client_of_its_own()
    {
        var console = Compose.Map("services", KubernetesTests.Console.Name);
        var env = Compose.Strings("services", KubernetesTests.Console.Name, "environment");
        Assert.Equal("services/Console/RedCross.WebConsole.Host", console.Text("build", "args", "PROJECT"));
        Assert.StartsWith("redcross/console:${REDCROSS_VERSION", console.Text("image"), StringComparison.Ordinal);
        Assert.Equal(KubernetesTests.IdentityAddress, env.GetValueOrDefault("Auth__Authority"));
        Assert.Equal(KubernetesTests.GatewayGrpcAddress, env.GetValueOrDefault("Console__Api"));
        // It calls as nobody but the signed-in person: no service client, no key, no issuer, no broker.
        Assert.DoesNotContain(env.Keys, k => k is "Auth__ClientId" or "Auth__ClientSecret" or "Auth__Issuer" or "Auth__KeysDirectory");
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Messaging__", StringComparison.Ordinal));
        Assert.Equal(["console-data:/data"], console.List("volumes").Cast<string>());
        // Reached through the gateway only.
        Assert.Null(console.At("ports"));
        Assert.Equal("http://console:5170", Compose.Strings("services", "gateway", "environment")["ReverseProxy__Clusters__consoleHttp__Destinations__primary__Address"]);

        // Browsers reach it, and the identity's sign-in pages, at the gateway's public address; the identity sends them
        // back to the address it lists for the console, the same one.
        var publicUrl = env["Console__PublicUrl"];
        Assert.Equal("${PUBLIC_URL:-http://localhost:8080}", publicUrl);
        Assert.Equal(publicUrl + "/connect/authorize", env["Console__AuthorizationEndpoint"]);
        Assert.Equal(publicUrl + "/signin-oidc", Compose.Strings("services", KubernetesTests.Identity.Name, "environment")["Identity__Apps__console__RedirectUris__0"]);
        Assert.Contains("PUBLIC_URL=http://localhost:8080", Repo.Read("deploy/.env.example").Split('\n'));
        Assert.Contains("127.0.0.1:8080:8080", Compose.List("services", "gateway", "ports").Cast<string>());
    }

    [Fact]
    public void Every_variable_compose_requires_is_in_the_env_example_with_no_secret_filled_in()
    {
        var required = System.Text.RegularExpressions.Regex.Matches(Repo.Read("deploy/compose.yaml"), @"\$\{([A-Z0-9_]+):\?")
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Superset(Clients.Select(c => $"SERVICE_SECRET_{c.ToUpperInvariant()}").ToHashSet(), required);
        var example = Repo.Read("deploy/.env.example").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty);
        Assert.Superset(required, example.Keys.ToHashSet());
        Assert.All(example.Where(kv => kv.Key.Contains("PASSWORD", StringComparison.Ordinal) || kv.Key.Contains("SECRET", StringComparison.Ordinal)),
            kv => Assert.Equal(string.Empty, kv.Value));
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

        Assert.Equal("http://identity:5160", env.GetValueOrDefault("ReverseProxy__Clusters__identityHttp__Destinations__primary__Address"));
        Assert.Equal("http://identity:5161", env.GetValueOrDefault("ReverseProxy__Clusters__identityGrpc__Destinations__primary__Address"));

        Assert.DoesNotContain(env.Values, v => v.Contains("localhost", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_host_serves_metrics_on_its_own_metrics_port()
    {
        foreach (var host in Hosts)
        {
            Assert.Equal(KubernetesTests.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Compose.At("services", host, "environment", "Ports__Metrics")?.ToString());
            // Reached by Prometheus on the compose network only: never published on the machine.
            Assert.DoesNotContain(Compose.List("services", host, "ports").Cast<string>(), p => p.EndsWith($":{KubernetesTests.MetricsPort}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Prometheus_scrapes_every_host_on_its_metrics_port_and_loads_the_mounted_alert_rules()
    {
        var prometheus = Repo.Yaml(Repo.Read("deploy/prometheus/prometheus.yaml"));
        var redcross = prometheus.List("scrape_configs").Single(j => j.Text("job_name") == "redcross");
        Assert.Equal("/metrics", redcross.Text("metrics_path"));
        var hostTargets = redcross.List("static_configs").SelectMany(s => s.List("targets")).Cast<string>().Order(StringComparer.Ordinal);
        // The metrics port only: /metrics answers 404 on the REST port.
        Assert.Equal(Hosts.Select(h => $"{h}:{KubernetesTests.MetricsPort}").Order(StringComparer.Ordinal), hostTargets);
        var targets = prometheus.List("scrape_configs").SelectMany(j => j.List("static_configs")).SelectMany(s => s.List("targets")).Cast<string>().ToHashSet();
        Assert.DoesNotContain(Hosts, h => targets.Contains($"{h}:{HttpPort(h)}"));

        Assert.Contains("rabbitmq:15692", targets);
        var mounts = Compose.List("services", "prometheus", "volumes").Cast<string>().ToList();
        var rules = prometheus.List("rule_files").Cast<string>().Single();
        Assert.Contains($"./prometheus/alerts.yaml:{rules}:ro", mounts);
        Assert.Contains("./prometheus/prometheus.yaml:/etc/prometheus/prometheus.yaml:ro", mounts);
    }

    private static int HttpPort(string host) => host switch
    {
        "gateway" => 8080,
        _ when host == KubernetesTests.Console.Name => KubernetesTests.Console.Http,
        _ when host == KubernetesTests.Identity.Name => KubernetesTests.Identity.Http,
        _ => KubernetesTests.Services.Single(s => s.Name == host).Http,
    };

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
