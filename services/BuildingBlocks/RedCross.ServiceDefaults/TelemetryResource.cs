using System.Reflection;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Resources;

namespace RedCross.ServiceDefaults;

/// <summary>What every trace, metric and log of a host says about where it comes from: `service.name`,
/// `service.version` (the host assembly's informational version, so a trace names the build that made it) and
/// `deployment.environment` (`Deployment:Environment`, default "development"; deliberately not the ASP.NET Core
/// environment name, which is "Production" for every deployed host and so says nothing about which one).
/// `OTEL_RESOURCE_ATTRIBUTES` overrides both.</summary>
public static class TelemetryResource
{
    public const string EnvironmentKey = "Deployment:Environment";

    public const string DefaultEnvironment = "development";

    public static ResourceBuilder Describe(ResourceBuilder resource, string serviceName, string applicationName, IConfiguration configuration) =>
        resource
            .AddService(serviceName, serviceVersion: VersionOf(applicationName))
            .AddAttributes([new("deployment.environment", EnvironmentOf(configuration))])
            // Last, so what a deployment states in OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME (the compose file and
            // the Kubernetes overlays do) wins over these defaults, as the OpenTelemetry specification expects.
            .AddEnvironmentVariableDetector();

    public static string EnvironmentOf(IConfiguration configuration) =>
        configuration[EnvironmentKey] is { Length: > 0 } configured ? configured : DefaultEnvironment;

    /// <summary>The host's version, read from the application's assembly by name (under a test host the entry
    /// assembly is the test runner).</summary>
    public static string VersionOf(string applicationName)
    {
        Assembly host;
        try
        {
            host = Assembly.Load(new AssemblyName(applicationName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            host = Assembly.GetEntryAssembly() ?? typeof(TelemetryResource).Assembly;
        }

        return host.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? host.GetName().Version?.ToString()
            ?? "0.0.0";
    }
}
