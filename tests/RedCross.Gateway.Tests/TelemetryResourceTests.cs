using Microsoft.Extensions.Configuration;
using OpenTelemetry.Resources;
using RedCross.ServiceDefaults;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>The resource every host's traces, metrics and logs carry (the system test TracingTests sees it
/// arrive over OTLP from every process).</summary>
public sealed class TelemetryResourceTests
{
    private static Dictionary<string, object> Describe(Dictionary<string, string?> settings) =>
        TelemetryResource.Describe(ResourceBuilder.CreateEmpty(), "gateway", "RedCross.Gateway", new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .Build().Attributes.ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public void A_host_names_itself_its_build_and_the_configured_environment()
    {
        var attributes = Describe(new() { [TelemetryResource.EnvironmentKey] = "staging" });

        Assert.Equal("gateway", attributes["service.name"]);
        Assert.Equal(typeof(Program).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion, attributes["service.version"]);
        Assert.Equal("staging", attributes["deployment.environment"]);
    }

    [Fact]
    public void The_environment_is_development_unless_configured()
    {
        Assert.Equal("development", Describe(new() { [TelemetryResource.EnvironmentKey] = "" })["deployment.environment"]);
        Assert.Equal("development", Describe([])["deployment.environment"]);
    }

    [Fact]
    public void What_a_deployment_states_in_OTEL_RESOURCE_ATTRIBUTES_wins()
    {
        Environment.SetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=production,service.version=0.11.0");
        try
        {
            var attributes = Describe(new() { [TelemetryResource.EnvironmentKey] = "staging" });
            Assert.Equal(("production", "0.11.0"), (attributes["deployment.environment"], attributes["service.version"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES", null);
        }
    }
}
