namespace RedCross.Deploy.Tests;

/// <summary>Who may connect to whom under the rendered NetworkPolicies (ingress only, as written here): a
/// connection is allowed when no policy selects the target pod, or when one selecting it has a rule whose
/// peers match the source and whose ports include the port.</summary>
internal sealed class NetworkPolicies(Rendered rendered)
{
    public sealed record Pod(string Namespace, IReadOnlyDictionary<string, string> Labels);

    private readonly string ns = rendered.Documents.First(d => d.Text("metadata", "namespace") is not null).Text("metadata", "namespace")!;

    public Pod PodOf(string name)
    {
        var workload = rendered.Workloads().Single(w => w.Text("metadata", "name") == name);
        return new Pod(ns, workload.Strings("spec", "template", "metadata", "labels"));
    }

    /// <summary>A pod in some other namespace with no labels: the outside world as the cluster sees it.</summary>
    public Pod Stranger() => new("elsewhere", new Dictionary<string, string>());

    public Pod Prometheus() => new("monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" });

    public bool Allows(Pod source, Pod target, int port)
    {
        var selecting = rendered.OfKind("NetworkPolicy")
            .Where(p => p.List("spec", "policyTypes").Contains("Ingress") && Matches(p.Map("spec", "podSelector"), target.Labels) && target.Namespace == ns)
            .ToList();
        return selecting.Count == 0 || selecting.SelectMany(p => p.List("spec", "ingress")).Any(rule => PeerMatches(rule, source) && PortMatches(rule, port));
    }

    private bool PeerMatches(object rule, Pod source)
    {
        var from = rule.List("from");
        return from.Count == 0 || from.Any(peer =>
        {
            var namespaceSelector = peer.At("namespaceSelector") as Dictionary<object, object>;
            var podSelector = peer.At("podSelector") as Dictionary<object, object>;
            var namespaceOk = namespaceSelector is null
                ? source.Namespace == ns
                : Matches(namespaceSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = source.Namespace });
            return namespaceOk && (podSelector is null || Matches(podSelector, source.Labels)) && peer.At("ipBlock") is null;
        });
    }

    private static bool PortMatches(object rule, int port)
    {
        var ports = rule.List("ports");
        return ports.Count == 0 || ports.Any(p => p.Text("port") == port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool Matches(Dictionary<object, object> selector, IReadOnlyDictionary<string, string> labels)
    {
        Assert.Empty(selector.List("matchExpressions"));
        return selector.Strings("matchLabels").All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
    }
}

/// <summary>The gateway's clusters as its appsettings.json declares them, and the in-cluster address each must
/// point at: `&lt;service&gt;Grpc` → http://service:grpc-port, `&lt;service&gt;Http` → http://service:http-port (the
/// identity's too: identityHttp → http://identity:5160, identityGrpc → http://identity:5161; the console's pages:
/// consoleHttp → http://console:5170).</summary>
internal static class GatewayClusters
{
    public static Dictionary<string, string> Expected()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(Repo.Read("gateway/RedCross.Gateway/appsettings.json"));
        var expected = new Dictionary<string, string>();
        foreach (var cluster in settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject())
        {
            var grpc = cluster.Name.EndsWith("Grpc", StringComparison.Ordinal);
            Assert.True(grpc || cluster.Name.EndsWith("Http", StringComparison.Ordinal), $"gateway cluster {cluster.Name}: name it <service>Grpc or <service>Http");
            var service = cluster.Name[..^4];
            var known = Upstreams().SingleOrDefault(s => s.Name == service);
            Assert.True(known.Name is not null, $"gateway cluster {cluster.Name} routes to an unknown service {service}");
            expected[cluster.Name] = $"http://{service}:{(grpc ? known.Grpc : known.Http)}";
        }

        // Every service and the identity on both ports; the console on its pages' port only (its gRPC port serves health).
        var wanted = Upstreams().SelectMany(u => u.Name == KubernetesTests.Console.Name ? new[] { u.Name + "Http" } : new[] { u.Name + "Grpc", u.Name + "Http" });
        Assert.Equal(wanted.Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        return expected;
    }

    /// <summary>What the gateway routes to: the five services, the identity and the web console.</summary>
    private static IEnumerable<(string Name, int Http, int Grpc)> Upstreams() =>
        KubernetesTests.Services.Select(s => (s.Name, s.Http, s.Grpc)).Append(KubernetesTests.Identity).Append(KubernetesTests.Console);
}
