using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using RedCross.Contracts.Membership.V1;

namespace RedCross.Gateway.Tests;

/// <summary>Every gRPC method and every google.api.http binding in RedCross.Contracts, read from the compiled
/// descriptors (so a new proto is included without touching this file), with the service that serves it.</summary>
internal static partial class ContractRoutes
{
    /// <summary>Proto package → the service (cluster prefix) that serves it. A package missing here fails the
    /// route test until it is given a service and a gateway route.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceOfPackage = new Dictionary<string, string>
    {
        ["redcross.membership.v1"] = "membership",
        ["redcross.identity.v1"] = "identity", // clients are administered where tokens are issued
        ["redcross.relief.v1"] = "relief",
        ["redcross.campaign.v1"] = "campaign",
        ["redcross.awards.v1"] = "awards",
        ["redcross.reporting.v1"] = "reporting",
    };

    /// <summary>Packages every host serves for itself (outbox administration): one name on many hosts cannot be
    /// routed by name, so operators call the host directly (docs/operations.md).</summary>
    public static readonly IReadOnlySet<string> PerHostPackages = new HashSet<string> { "redcross.common.v1" };

    public static IReadOnlyList<ServiceDescriptor> Services() =>
        [.. typeof(OrgUnits).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .SelectMany(p => ((FileDescriptor)p!.GetValue(null)!).Services)
            .DistinctBy(s => s.FullName)
            .OrderBy(s => s.FullName, StringComparer.Ordinal)];

    /// <summary>Each HTTP binding of a method (the main rule and its additional bindings) as verb and template.</summary>
    public static IEnumerable<(string Verb, string Template)> HttpBindings(MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null)
        {
            yield break;
        }

        foreach (var binding in rule.AdditionalBindings.Prepend(rule))
        {
            yield return binding.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => ("GET", binding.Get),
                HttpRule.PatternOneofCase.Post => ("POST", binding.Post),
                HttpRule.PatternOneofCase.Put => ("PUT", binding.Put),
                HttpRule.PatternOneofCase.Patch => ("PATCH", binding.Patch),
                HttpRule.PatternOneofCase.Delete => ("DELETE", binding.Delete),
                HttpRule.PatternOneofCase.Custom => (binding.Custom.Kind, binding.Custom.Path),
                _ => throw new InvalidOperationException($"{method.FullName} has an HTTP rule without a pattern."),
            };
        }
    }

    /// <summary>A concrete path for a template: `{code}` → a sample segment, `{name=units/*}` → its pattern with
    /// sample segments, `**` → two segments; a `:verb` suffix stays.</summary>
    public static string Concrete(string template) =>
        Variable().Replace(template, m => m.Groups["pattern"].Success
            ? m.Groups["pattern"].Value.Replace("**", "x1/x2", StringComparison.Ordinal).Replace("*", "x1", StringComparison.Ordinal)
            : "x1");

    [GeneratedRegex(@"\{(?<name>[a-z_.]+)(=(?<pattern>[^}]+))?\}")]
    private static partial Regex Variable();
}
