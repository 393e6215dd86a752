using System.Security.Cryptography;

namespace RedCross.Deploy.Tests;

/// <summary>Renders each overlay with `kubectl kustomize` (into a scratch copy given a throwaway secrets.env,
/// as an operator would) and checks what a cluster would get.</summary>
public sealed class KubernetesTests
{
    internal static readonly (string Name, int Http, int Grpc, string[] GrpcCallers)[] Services =
    [
        ("membership", 5110, 5111, ["relief", "campaign", "awards", "reporting"]),
        ("relief", 5120, 5121, ["campaign", "reporting"]),
        ("campaign", 5130, 5131, ["awards", "reporting"]),
        ("awards", 5140, 5141, ["reporting"]),
        ("reporting", 5150, 5151, []),
    ];

    /// <summary>The token authority: the only workload with a signing key (on its own claim), reached by the gateway
    /// on both ports and by every service on its REST port (published keys, service tokens).</summary>
    internal static readonly (string Name, int Http, int Grpc) Identity = ("identity", 5160, 5161);

    /// <summary>The address every other host reaches the identity at; its issuer is the same with a trailing slash.</summary>
    internal const string IdentityAddress = "http://identity:5160";

    /// <summary>Every host that validates tokens from the identity and has its own service client there.</summary>
    internal static readonly string[] ClientHosts = [.. Services.Select(s => s.Name), "gateway"];

    /// <summary>The web console, behind the gateway: it signs people in at the identity and calls the API at the
    /// gateway with the person's token. It never calls as itself, so it has no service client (and no secret).</summary>
    internal static readonly (string Name, int Http, int Grpc) Console = ("console", 5170, 5171);

    /// <summary>The gateway's gRPC address, where the console calls the API.</summary>
    internal const string GatewayGrpcAddress = "http://gateway:8081";

    internal static string SecretKeyOf(string host) => host + "-client-secret";

    /// <summary>`Ports:Metrics` of every .NET host in containers: /metrics is served there only (404 on the REST
    /// port), for Prometheus; each pod has its own network namespace, so one port serves them all.</summary>
    internal const int MetricsPort = 9464;

    /// <summary>Every .NET host: the identity, the five services, the gateway, the console.</summary>
    internal static readonly string[] DotnetHosts = [Identity.Name, .. ClientHosts, Console.Name];

    public static TheoryData<string> Overlays => new() { "dev", "production" };

    [Theory, MemberData(nameof(Overlays))]
    public void Every_service_is_a_StatefulSet_with_its_ports_probes_volume_claim_limits_and_a_non_root_user(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        foreach (var (name, http, grpc, _) in Services)
        {
            var set = rendered.One("StatefulSet", name);
            Assert.Equal("1", set.At("spec", "replicas")?.ToString());
            var pod = set.Map("spec", "template", "spec");
            var container = pod.List("containers").Single();
            Assert.Equal([http, grpc, MetricsPort], container.List("ports").Select(p => int.Parse(p.Text("containerPort")!)).Order());
            Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
            Assert.NotNull(container.At("startupProbe", "httpGet", "path"));
            AssertResources(name, container);
            AssertNonRoot(name, pod, container);

            var claim = set.List("spec", "volumeClaimTemplates").Single();
            Assert.Equal("data", claim.Text("metadata", "name"));
            Assert.Equal(["ReadWriteOnce"], claim.List("spec", "accessModes").Cast<string>());
            Assert.NotNull(claim.Text("spec", "resources", "requests", "storage"));
            Assert.Contains(container.List("volumeMounts"), m => m.Text("name") == "data" && m.Text("mountPath") == "/data");
            Assert.DoesNotContain(pod.List("volumes"), v => v.Text("name") == "data");

            var service = rendered.One("Service", name);
            Assert.Equal("ClusterIP", service.Text("spec", "type"));
            Assert.Equal([http, grpc], service.List("spec", "ports").Select(p => int.Parse(p.Text("port")!)).Order());
            Assert.Equal(name, service.Text("spec", "selector", "app.kubernetes.io/name"));

            var env = rendered.Environment(container);
            Assert.Equal("/data", env["Data__Directory"]);
            Assert.Equal("any", env["Ports__Bind"]);
            Assert.Equal("rabbitmq", env["Messaging__RabbitMq__Host"]);
            Assert.DoesNotContain(env, kv => kv.Value.Contains("localhost", StringComparison.Ordinal));
            AssertFromSecret(container, "Messaging__RabbitMq__Username", "rabbitmq-username", rendered);
            AssertFromSecret(container, "Messaging__RabbitMq__Password", "rabbitmq-password", rendered);
            AssertUsesTheIdentity(name, container, rendered);
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_identity_is_a_StatefulSet_with_its_own_claim_ports_probes_and_every_hosts_client(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var (name, http, grpc) = Identity;
        var set = rendered.One("StatefulSet", name);
        var (pod, container) = OneReplica(set, name, http, grpc);

        // Its keys (keys/) and identity.db live on its own claim, mounted nowhere else.
        var claim = set.List("spec", "volumeClaimTemplates").Single();
        Assert.Equal("data", claim.Text("metadata", "name"));
        Assert.Equal(["ReadWriteOnce"], claim.List("spec", "accessModes").Cast<string>());
        Assert.NotNull(claim.Text("spec", "resources", "requests", "storage"));
        Assert.Contains(container.List("volumeMounts"), m => m.Text("name") == "data" && m.Text("mountPath") == "/data");
        Assert.DoesNotContain(pod.List("volumes"), v => v.Text("name") == "data");

        var service = rendered.One("Service", name);
        Assert.Equal("ClusterIP", service.Text("spec", "type"));
        Assert.Equal([http, grpc], service.List("spec", "ports").Select(p => int.Parse(p.Text("port")!)).Order());
        Assert.Equal(name, service.Text("spec", "selector", "app.kubernetes.io/name"));
        Assert.Equal(IdentityAddress, $"http://{service.Text("metadata", "name")}:{http}");

        var env = rendered.Environment(container);
        Assert.Equal("/data", env["Data__Directory"]);
        Assert.Equal("any", env["Ports__Bind"]);
        Assert.Equal("http://otel-collector:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // The issuer every other host expects from its authority; with an Auth__Authority it would not make keys at all.
        Assert.Equal(IdentityAddress + "/", env["Auth__Issuer"]);
        Assert.False(env.ContainsKey("Auth__Authority"), "the identity is the authority: it must not point at one");
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Messaging__", StringComparison.Ordinal));
        Assert.DoesNotContain(container.List("env"), e => e.Text("name")!.StartsWith("Messaging__", StringComparison.Ordinal));
        Assert.False(set.Map("spec", "template", "metadata", "labels").ContainsKey("redcross.org/broker-client"), "the identity uses no broker");
        // No address the pods use names localhost; a browser application's redirect is where browsers are sent (in dev,
        // the gateway forwarded to the developer's localhost).
        Assert.DoesNotContain(env.Where(kv => !kv.Key.StartsWith("Identity__Apps__", StringComparison.Ordinal)), kv => kv.Value.Contains("localhost", StringComparison.Ordinal));

        // One client per host, its secret the very key that host reads; campaign's also reads relief's programmes.
        foreach (var host in ClientHosts)
        {
            AssertFromSecret(container, $"Identity__ServiceClients__{host}__Secret", SecretKeyOf(host), rendered);
        }

        Assert.Equal(ClientHosts.Select(h => $"Identity__ServiceClients__{h}__Secret").Order(),
            container.List("env").Select(e => e.Text("name")!).Where(n => n.EndsWith("__Secret", StringComparison.Ordinal)).Order());
        Assert.Equal("events.read relief.read", env["Identity__ServiceClients__campaign__Scopes"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Identity__ServiceClients__", StringComparison.Ordinal) && k.EndsWith("__Secret", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void No_workload_but_the_identity_holds_a_key_and_no_Secret_carries_one(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        foreach (var workload in rendered.Workloads())
        {
            var name = workload.Text("metadata", "name")!;
            var pod = workload.Map("spec", "template", "spec");
            // No Secret is mounted as files anywhere: a signing key would be the only reason to.
            Assert.DoesNotContain(pod.List("volumes"), v => v.At("secret") is not null || v.At("projected") is not null);
            foreach (var container in pod.List("containers"))
            {
                var env = rendered.Environment(container);
                var names = container.List("env").Select(e => e.Text("name")!).Concat(env.Keys).ToList();
                Assert.DoesNotContain("Auth__SigningKeyFile", names);
                Assert.DoesNotContain(names, n => n.StartsWith("Auth__Signing", StringComparison.Ordinal));
                if (name != Identity.Name)
                {
                    Assert.DoesNotContain("Auth__KeysDirectory", names);
                    Assert.DoesNotContain(container.List("volumeMounts"), m => m.Text("mountPath") is "/keys" or "/secrets" || m.Text("mountPath")!.EndsWith("/keys", StringComparison.Ordinal));
                }

                // Each host reads only its own client secret (and the broker account); only the identity reads them all.
                var keys = container.List("env").Select(e => e.Text("valueFrom", "secretKeyRef", "key")).OfType<string>().ToHashSet();
                HashSet<string> allowed = name == Identity.Name
                    ? [.. ClientHosts.Select(SecretKeyOf)]
                    : name == Console.Name ? []
                    : ClientHosts.Contains(name) ? [SecretKeyOf(name), "rabbitmq-username", "rabbitmq-password"] : ["rabbitmq-username", "rabbitmq-password"];
                Assert.True(keys.IsSubsetOf(allowed), $"{name} reads {string.Join(", ", keys.Except(allowed))} from the Secret");
            }
        }

        Assert.DoesNotContain(rendered.OfKind("Secret").SelectMany(s => s.Map("data").Keys.Cast<string>()), k => k.Contains("sign", StringComparison.OrdinalIgnoreCase) || k.EndsWith(".key", StringComparison.Ordinal));
        Assert.DoesNotContain("signing.key", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SigningKeyFile", rendered.Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Each_service_reads_the_logs_it_consumes_from_the_other_services_by_name(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var expected = new Dictionary<string, string[]>
        {
            ["relief"] = ["Relief__Sources__Membership=http://membership:5111"],
            ["campaign"] = ["Campaign__Sources__Membership=http://membership:5111", "Campaign__Sources__Relief=http://relief:5121"],
            ["awards"] = ["Awards__Sources__Membership=http://membership:5111", "Awards__Sources__Campaign=http://campaign:5131"],
            ["reporting"] = ["Reporting__Sources__Membership=http://membership:5111", "Reporting__Sources__Relief=http://relief:5121",
                "Reporting__Sources__Campaign=http://campaign:5131", "Reporting__Sources__Awards=http://awards:5141"],
        };
        foreach (var (name, settings) in expected)
        {
            var env = rendered.Environment(rendered.One("StatefulSet", name).List("spec", "template", "spec", "containers").Single());
            Assert.All(settings, s => Assert.Equal(s.Split('=')[1], env.GetValueOrDefault(s.Split('=')[0])));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_gateway_is_a_Deployment_whose_upstreams_are_the_services_by_name(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var pod = rendered.One("Deployment", "gateway").Map("spec", "template", "spec");
        var container = pod.List("containers").Single();
        Assert.Equal([8080, 8081, MetricsPort], container.List("ports").Select(p => int.Parse(p.Text("containerPort")!)).Order());
        Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
        AssertResources("gateway", container);
        AssertNonRoot("gateway", pod, container);
        var env = rendered.Environment(container);
        foreach (var (cluster, address) in GatewayClusters.Expected())
        {
            Assert.True(env.TryGetValue($"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address", out var configured), $"cluster {cluster} has no upstream in the gateway's ConfigMap");
            Assert.Equal(address, configured);
        }

        Assert.Equal("http://identity:5160", env["ReverseProxy__Clusters__identityHttp__Destinations__primary__Address"]);
        Assert.Equal("http://identity:5161", env["ReverseProxy__Clusters__identityGrpc__Destinations__primary__Address"]);
        AssertUsesTheIdentity("gateway", container, rendered);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Messaging__", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_console_is_a_Deployment_behind_the_gateway_signing_people_in_at_the_identity_with_no_client_of_its_own(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var (name, http, grpc) = Console;
        var deployment = rendered.One("Deployment", name);
        // People's sessions are in its memory: one replica (a second would not know the first one's sessions).
        var (pod, container) = OneReplica(deployment, name, http, grpc);

        var service = rendered.One("Service", name);
        Assert.Equal("ClusterIP", service.Text("spec", "type"));
        Assert.Equal([http, grpc], service.List("spec", "ports").Select(p => int.Parse(p.Text("port")!)).Order());
        Assert.Equal(name, service.Text("spec", "selector", "app.kubernetes.io/name"));

        var env = rendered.Environment(container);
        Assert.Equal("/data", env["Data__Directory"]);
        Assert.Equal("any", env["Ports__Bind"]);
        Assert.Equal("http://otel-collector:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal(IdentityAddress, env.GetValueOrDefault("Auth__Authority"));
        Assert.Equal(GatewayGrpcAddress, env.GetValueOrDefault("Console__Api"));
        // No service client, no key, no issuer, no broker: it calls as nobody but the signed-in person.
        var names = container.List("env").Select(e => e.Text("name")!).Concat(env.Keys).ToList();
        Assert.DoesNotContain(names, n => n is "Auth__ClientId" or "Auth__ClientSecret" or "Auth__Issuer" or "Auth__KeysDirectory");
        Assert.DoesNotContain(names, n => n.StartsWith("Messaging__", StringComparison.Ordinal));
        Assert.False(deployment.Map("spec", "template", "metadata", "labels").ContainsKey("redcross.org/broker-client"), "the console uses no broker");
        Assert.Empty(container.List("env"));

        // Browsers reach the console and the identity's sign-in pages at the gateway's public address; the identity
        // sends them back to the address it lists for the console, the same one.
        var publicUrl = env["Console__PublicUrl"];
        Assert.Equal(publicUrl + "/connect/authorize", env.GetValueOrDefault("Console__AuthorizationEndpoint"));
        var identityEnv = rendered.Environment(rendered.One("StatefulSet", Identity.Name).List("spec", "template", "spec", "containers").Single());
        Assert.Equal(publicUrl + "/signin-oidc", identityEnv.GetValueOrDefault("Identity__Apps__console__RedirectUris__0"));
        Assert.DoesNotContain("identity:", publicUrl, StringComparison.Ordinal);
        if (overlay == "production")
        {
            // The console's cookie is secure: over plain HTTP a browser sends it to localhost only.
            Assert.StartsWith("https://", publicUrl, StringComparison.Ordinal);
        }

        // The gateway sends it every page.
        var gatewayEnv = rendered.Environment(rendered.One("Deployment", "gateway").List("spec", "template", "spec", "containers").Single());
        Assert.Equal($"http://{name}:{http}", gatewayEnv["ReverseProxy__Clusters__consoleHttp__Destinations__primary__Address"]);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_dotnet_host_serves_metrics_on_its_metrics_port_and_Prometheus_scrapes_that_port(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        foreach (var host in DotnetHosts)
        {
            var workload = rendered.Workloads().Single(w => w.Text("metadata", "name") == host);
            var container = workload.List("spec", "template", "spec", "containers").Single();
            Assert.Equal(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), rendered.Environment(container).GetValueOrDefault("Ports__Metrics"));
            var metrics = container.List("ports").SingleOrDefault(p => p.Text("name") == "metrics");
            Assert.True(metrics is not null, $"{host}: no container port named metrics");
            Assert.Equal(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), metrics.At("containerPort")?.ToString());

            // Prometheus finds the pods by their annotations: the metrics port, never the REST port (404 there).
            var annotations = workload.Strings("spec", "template", "metadata", "annotations");
            Assert.Equal("true", annotations.GetValueOrDefault("prometheus.io/scrape"));
            Assert.Equal(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations.GetValueOrDefault("prometheus.io/port"));
            Assert.Equal("/metrics", annotations.GetValueOrDefault("prometheus.io/path"));

            // Prometheus scrapes the pods, not the Services: no Service publishes the metrics port.
            Assert.DoesNotContain(rendered.One("Service", host).List("spec", "ports"), p => p.Text("port") == MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Only_the_gateway_is_exposed_outside_the_cluster(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        Assert.Empty(rendered.OfKind("Ingress"));
        var exposed = rendered.OfKind("Service").Where(s => s.Text("spec", "type") is "LoadBalancer" or "NodePort").Select(s => s.Text("metadata", "name")).ToList();
        Assert.Equal(["gateway"], exposed);
        Assert.DoesNotContain(rendered.Workloads(), w => w.At("spec", "template", "spec", "hostNetwork") is "true" or true);
        Assert.DoesNotContain(rendered.Workloads().SelectMany(w => w.List("spec", "template", "spec", "containers")).SelectMany(c => c.List("ports")), p => p.At("hostPort") is not null);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void RabbitMQ_keeps_its_data_uses_quorum_queues_and_takes_its_account_from_the_Secret(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var set = rendered.One("StatefulSet", "rabbitmq");
        var pod = set.Map("spec", "template", "spec");
        var container = pod.List("containers").Single();
        Assert.Equal("data", set.List("spec", "volumeClaimTemplates").Single().Text("metadata", "name"));
        Assert.Contains(container.List("volumeMounts"), m => m.Text("name") == "data" && m.Text("mountPath") == "/var/lib/rabbitmq");
        AssertFromSecret(container, "RABBITMQ_DEFAULT_USER", "rabbitmq-username", rendered);
        AssertFromSecret(container, "RABBITMQ_DEFAULT_PASS", "rabbitmq-password", rendered);
        AssertResources("rabbitmq", container);
        AssertNonRoot("rabbitmq", pod, container);
        Assert.NotNull(container.At("readinessProbe"));
        Assert.NotNull(container.At("livenessProbe"));
        var config = rendered.ConfigMap(pod.List("volumes").Single(v => v.Text("name") == "config").Text("configMap", "name")!);
        Assert.Contains("default_queue_type = quorum", config["rabbitmq.conf"], StringComparison.Ordinal);
        Assert.Contains("rabbitmq_prometheus", config["enabled_plugins"], StringComparison.Ordinal);
        Assert.Equal(Repo.Read("deploy/rabbitmq/rabbitmq.conf"), Repo.Read("deploy/kubernetes/base/rabbitmq/rabbitmq.conf"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_OTel_collector_every_host_exports_to_is_deployed(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var collector = rendered.One("Deployment", "otel-collector");
        AssertNonRoot("otel-collector", collector.Map("spec", "template", "spec"), collector.List("spec", "template", "spec", "containers").Single());
        Assert.Contains(rendered.One("Service", "otel-collector").List("spec", "ports"), p => p.Text("port") == "4317");
        var env = rendered.Environment(rendered.One("StatefulSet", "membership").List("spec", "template", "spec", "containers").Single());
        Assert.Equal("http://otel-collector:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_image_has_a_pinned_tag_and_nothing_uses_guest(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var images = rendered.Workloads().SelectMany(w => w.List("spec", "template", "spec", "containers")).Select(c => c.Text("image")!).ToList();
        Assert.Equal(10, images.Count); // the identity, five services, the gateway, the console, RabbitMQ, the collector
        foreach (var image in images)
        {
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':') is [_, var t] ? t : null;
            Assert.False(tag is null or "latest", $"{image} has no pinned tag");
        }

        Assert.DoesNotContain("guest", rendered.Text, StringComparison.OrdinalIgnoreCase);
        var secret = rendered.OfKind("Secret").Single();
        string[] expected = [.. ClientHosts.Select(SecretKeyOf), "rabbitmq-password", "rabbitmq-username"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), secret.Map("data").Keys.Cast<string>().Order(StringComparer.Ordinal));
        // The example an operator copies names exactly the keys the manifests read, and holds no value for a secret.
        var example = Rendered.ExampleSecrets(overlay);
        Assert.Equal(expected.Order(StringComparer.Ordinal), example.Keys.Order(StringComparer.Ordinal));
        Assert.All(example.Where(kv => kv.Key != "rabbitmq-username"), kv => Assert.Equal(string.Empty, kv.Value));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Network_policies_deny_by_default_and_open_only_what_each_workload_needs(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var net = new NetworkPolicies(rendered);
        Assert.Contains(rendered.OfKind("NetworkPolicy"), p => p.Map("spec", "podSelector").Count == 0 && p.List("spec", "ingress").Count == 0
            && p.List("spec", "policyTypes").Contains("Ingress"));

        var outside = net.Stranger();
        var prometheus = net.Prometheus();
        var gateway = net.PodOf("gateway");
        var rabbit = net.PodOf("rabbitmq");
        Assert.True(net.Allows(outside, gateway, 8080));
        Assert.True(net.Allows(outside, gateway, 8081));
        Assert.True(net.Allows(prometheus, gateway, MetricsPort), "Prometheus cannot scrape the gateway");
        Assert.False(net.Allows(outside, gateway, MetricsPort), "the gateway's metrics port is open to anyone");
        Assert.False(net.Allows(outside, rabbit, 5672));
        Assert.False(net.Allows(gateway, rabbit, 5672), "the gateway uses no broker");
        Assert.False(net.Allows(net.PodOf("otel-collector"), rabbit, 5672));
        Assert.True(net.Allows(prometheus, rabbit, 15692));
        Assert.False(net.Allows(outside, net.PodOf("otel-collector"), 4317));

        // The identity: the gateway on both ports (token endpoint, discovery, Clients), Prometheus and every service on
        // its REST port (published keys, service tokens), nobody else; it reaches no broker and calls no service.
        var identity = net.PodOf(Identity.Name);
        Assert.False(net.Allows(outside, identity, Identity.Http), "the identity is reachable from outside (only through the gateway)");
        Assert.False(net.Allows(outside, identity, Identity.Grpc));
        Assert.True(net.Allows(gateway, identity, Identity.Http), "gateway cannot reach the identity's REST port");
        Assert.True(net.Allows(gateway, identity, Identity.Grpc), "gateway cannot reach the identity's gRPC port");
        Assert.True(net.Allows(prometheus, identity, MetricsPort), "Prometheus cannot scrape the identity");
        Assert.False(net.Allows(prometheus, identity, Identity.Http), "Prometheus reaches the identity's REST port (it scrapes the metrics port)");
        Assert.False(net.Allows(prometheus, identity, Identity.Grpc));
        Assert.False(net.Allows(outside, identity, MetricsPort));
        Assert.False(net.Allows(gateway, identity, MetricsPort));
        Assert.False(net.Allows(rabbit, identity, Identity.Http));
        Assert.False(net.Allows(net.PodOf("otel-collector"), identity, Identity.Http));
        Assert.False(net.Allows(identity, rabbit, 5672), "the identity uses no broker");
        Assert.True(net.Allows(identity, net.PodOf("otel-collector"), 4317), "the identity cannot export telemetry");

        // The console: its pages from the gateway only, its metrics from Prometheus only; it reaches the identity's REST
        // port (sign-in: discovery, keys, people's tokens) and the gateway's gRPC port (the API), no service directly.
        var console = net.PodOf(Console.Name);
        Assert.True(net.Allows(gateway, console, Console.Http), "gateway cannot reach the console's pages");
        Assert.False(net.Allows(outside, console, Console.Http), "the console is reachable from outside (only through the gateway)");
        Assert.False(net.Allows(outside, console, Console.Grpc));
        Assert.False(net.Allows(gateway, console, Console.Grpc), "the gateway reaches the console's gRPC port (health only)");
        Assert.True(net.Allows(prometheus, console, MetricsPort), "Prometheus cannot scrape the console");
        Assert.False(net.Allows(prometheus, console, Console.Http));
        Assert.False(net.Allows(outside, console, MetricsPort));
        Assert.False(net.Allows(gateway, console, MetricsPort));
        Assert.False(net.Allows(identity, console, Console.Http));
        Assert.True(net.Allows(console, identity, Identity.Http), "the console cannot reach the identity to sign people in");
        Assert.False(net.Allows(console, identity, Identity.Grpc), "the console reaches the identity's gRPC port");
        Assert.True(net.Allows(console, gateway, 8081), "the console cannot call the API at the gateway");
        Assert.False(net.Allows(console, rabbit, 5672), "the console uses no broker");
        Assert.True(net.Allows(console, net.PodOf("otel-collector"), 4317), "the console cannot export telemetry");
        foreach (var (name, http, grpc, callers) in Services)
        {
            var pod = net.PodOf(name);
            Assert.False(net.Allows(outside, pod, http), $"{name} reachable from outside");
            Assert.False(net.Allows(outside, pod, grpc), $"{name} reachable from outside");
            Assert.True(net.Allows(gateway, pod, http), $"gateway cannot reach {name}:{http}");
            Assert.True(net.Allows(gateway, pod, grpc), $"gateway cannot reach {name}:{grpc}");
            Assert.True(net.Allows(prometheus, pod, MetricsPort), $"Prometheus cannot scrape {name}");
            Assert.False(net.Allows(prometheus, pod, http), $"Prometheus reaches {name}'s REST port (it scrapes the metrics port)");
            Assert.False(net.Allows(prometheus, pod, grpc));
            Assert.False(net.Allows(outside, pod, MetricsPort), $"{name}'s metrics port reachable from outside");
            Assert.False(net.Allows(gateway, pod, MetricsPort), $"the gateway reaches {name}'s metrics port");
            Assert.True(net.Allows(pod, rabbit, 5672), $"{name} cannot reach RabbitMQ");
            Assert.True(net.Allows(pod, net.PodOf("otel-collector"), 4317), $"{name} cannot export telemetry");
            Assert.True(net.Allows(pod, identity, Identity.Http), $"{name} cannot fetch the identity's keys or its service token");
            Assert.False(net.Allows(pod, identity, Identity.Grpc), $"{name} reaches the identity's gRPC port (only the gateway needs it)");
            Assert.False(net.Allows(identity, pod, http), $"the identity reaches {name}");
            Assert.False(net.Allows(identity, pod, grpc), $"the identity reaches {name}");
            Assert.False(net.Allows(console, pod, http), $"the console reaches {name} (it calls the API at the gateway)");
            Assert.False(net.Allows(console, pod, grpc), $"the console reaches {name} (it calls the API at the gateway)");
            Assert.False(net.Allows(pod, console, Console.Http), $"{name} reaches the console");
            foreach (var (other, _, _, _) in Services.Where(s => s.Name != name))
            {
                Assert.Equal(callers.Contains(other), net.Allows(net.PodOf(other), pod, grpc));
                Assert.False(net.Allows(net.PodOf(other), pod, http), $"{other} reaches {name}'s REST port");
                Assert.False(net.Allows(net.PodOf(other), pod, MetricsPort), $"{other} reaches {name}'s metrics port");
            }
        }
    }

    /// <summary>A host other than the identity: validates tokens from the identity's published keys and gets its own
    /// service token there, with its own client id and a secret from the Secret (never a literal).</summary>
    private static void AssertUsesTheIdentity(string name, object container, Rendered rendered)
    {
        var env = rendered.Environment(container);
        Assert.Equal(IdentityAddress, env.GetValueOrDefault("Auth__Authority"));
        Assert.Equal($"service-{name}", env.GetValueOrDefault("Auth__ClientId"));
        Assert.False(env.ContainsKey("Auth__ClientSecret"), $"{name}: Auth__ClientSecret is a literal, not the Secret's");
        AssertFromSecret(container, "Auth__ClientSecret", SecretKeyOf(name), rendered);
        Assert.False(env.ContainsKey("Auth__SigningKeyFile"), $"{name} still points at a signing key");
        Assert.False(env.ContainsKey("Auth__KeysDirectory"), $"{name} points at a key folder");
        Assert.False(env.ContainsKey("Auth__Issuer"), $"{name} sets an issuer: only the identity issues");
    }

    /// <summary>A host that must run as one replica (the identity's keys, the console's sessions): its single container
    /// with its ports, probes, resources, non-root user and read-only root file system.</summary>
    private static (Dictionary<object, object> Pod, object Container) OneReplica(object workload, string name, int http, int grpc)
    {
        Assert.Equal("1", workload.At("spec", "replicas")?.ToString());
        var pod = workload.Map("spec", "template", "spec");
        var container = pod.List("containers").Single();
        Assert.Equal([http, grpc, MetricsPort], container.List("ports").Select(p => int.Parse(p.Text("containerPort")!)).Order());
        Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
        Assert.NotNull(container.At("startupProbe", "httpGet", "path"));
        AssertResources(name, container);
        AssertNonRoot(name, pod, container);
        Assert.True(container.At("securityContext", "readOnlyRootFilesystem") is "true" or true, $"{name}: writable root file system");
        return (pod, container);
    }

    private static void AssertResources(string name, object container)
    {
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.False(string.IsNullOrEmpty(container.At("resources", kind, resource)?.ToString()), $"{name}: no resources.{kind}.{resource}");
            }
        }
    }

    private static void AssertNonRoot(string name, object pod, object container)
    {
        Assert.True(pod.At("securityContext", "runAsNonRoot") is "true" or true, $"{name}: runAsNonRoot not set");
        Assert.NotEqual("0", pod.At("securityContext", "runAsUser")?.ToString() ?? "0");
        Assert.True(container.At("securityContext", "allowPrivilegeEscalation") is "false" or false, $"{name}: privilege escalation allowed");
        Assert.Contains("ALL", container.List("securityContext", "capabilities", "drop").Cast<string>());
    }

    private static void AssertFromSecret(object container, string variable, string key, Rendered rendered)
    {
        var entry = container.List("env").SingleOrDefault(e => e.Text("name") == variable);
        Assert.True(entry is not null, $"{variable} is not set");
        Assert.Null(entry.At("value"));
        var secretName = entry.Text("valueFrom", "secretKeyRef", "name");
        Assert.Equal(key, entry.Text("valueFrom", "secretKeyRef", "key"));
        Assert.Contains(rendered.OfKind("Secret"), s => s.Text("metadata", "name") == secretName);
    }
}

/// <summary>One overlay as `kubectl kustomize` renders it, rendered once per test run.</summary>
internal sealed class Rendered
{
    private static readonly Dictionary<string, Rendered> Cache = [];

    private Rendered(string text)
    {
        Text = text;
        Documents = Repo.YamlDocuments(text);
    }

    public string Text { get; }

    public List<object> Documents { get; }

    public static Rendered Of(string overlay)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(overlay, out var rendered))
            {
                Cache[overlay] = rendered = Render(overlay);
            }

            return rendered;
        }
    }

    public IEnumerable<object> OfKind(string kind) => Documents.Where(d => d.Text("kind") == kind);

    public object One(string kind, string name)
    {
        var found = OfKind(kind).Where(d => d.Text("metadata", "name") == name).ToList();
        Assert.True(found.Count == 1, $"expected one {kind} {name}, found {found.Count}");
        return found[0];
    }

    public IEnumerable<object> Workloads() => Documents.Where(d => d.Text("kind") is "Deployment" or "StatefulSet" or "DaemonSet");

    public Dictionary<string, string> ConfigMap(string name) => One("ConfigMap", name).Strings("data");

    /// <summary>The container's environment: its ConfigMaps (envFrom, which must exist) and plain values.</summary>
    public Dictionary<string, string> Environment(object container)
    {
        var env = new Dictionary<string, string>();
        foreach (var source in container.List("envFrom"))
        {
            foreach (var (key, value) in ConfigMap(source.Text("configMapRef", "name")!))
            {
                env[key] = value;
            }
        }

        foreach (var entry in container.List("env").Where(e => e.Text("value") is not null))
        {
            env[entry.Text("name")!] = entry.Text("value")!;
        }

        return env;
    }

    private static Rendered Render(string overlay)
    {
        // A scratch copy with a throwaway secrets.env: the real one is made per installation and never committed.
        var scratch = Directory.CreateTempSubdirectory("redcross-kustomize-");
        try
        {
            Copy(Repo.PathOf("deploy/kubernetes"), scratch.FullName);
            var overlayDir = Path.Combine(scratch.FullName, "overlays", overlay);
            // Every key the overlay's example names, each with a throwaway value (as an operator fills it in).
            File.WriteAllLines(Path.Combine(overlayDir, "secrets.env"),
                ExampleSecrets(overlay).Keys.Select(key => $"{key}={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}"));
            var (exit, output, error) = Repo.Run("kubectl", "Install it: apt-get install -y kubernetes-client (tools/test.sh does so when root).", "kustomize", overlayDir);
            Assert.True(exit == 0, $"kubectl kustomize {overlay} failed: {error}");
            return new Rendered(output);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The keys and values of the overlay's committed secrets.env.example (comments skipped).</summary>
    public static Dictionary<string, string> ExampleSecrets(string overlay) =>
        File.ReadAllLines(Repo.PathOf($"deploy/kubernetes/overlays/{overlay}/secrets.env.example"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty);

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "secrets.env"))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
