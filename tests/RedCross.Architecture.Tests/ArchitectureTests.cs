using System.Reflection;
using RedCross.Messaging;
using Xunit;

namespace RedCross.Architecture.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Self = typeof(ArchitectureTests).Assembly;

    public static TheoryData<string> Modules => [.. Platform.Modules.Select(m => m.Namespace)];

    public static TheoryData<string> PlatformAssemblies => [.. Platform.Assemblies.Select(a => a.GetName().Name!)];

    private static Platform.Module Module(string name) => Platform.Modules.Single(m => m.Namespace == name);

    [Fact]
    public void Modules_are_found_by_convention()
    {
        Assert.Contains("RedCross.Membership", Platform.ModuleNamespaces);
        Assert.Contains("RedCross.Reporting", Platform.ModuleNamespaces);
        Assert.DoesNotContain("RedCross.Messaging", Platform.ModuleNamespaces);
        Assert.Contains("RedCross.Import", Platform.Assemblies.Select(a => a.GetName().Name));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_no_other_module(string module)
    {
        var assembly = Module(module).Assembly;
        Assert.Empty(Rules.ModuleIsolation(assembly, module, Platform.ModuleNamespaces));
        Assert.Empty(assembly.GetReferencedAssemblies().Select(a => a.Name).Intersect(Platform.ModuleNamespaces.Where(n => n != module)));
    }

    [Fact]
    public void The_module_isolation_rule_can_fail() =>
        Assert.Contains("RedCross.Membership.Violations.ReachesIntoReporting", Rules.ModuleIsolation(Self, "RedCross.Membership", Platform.ModuleNamespaces));

    /// <summary>Domain types older than the proto rule (issue 19) that still take a proto message; only shrinks.</summary>
    private static readonly string[] DomainTakingProtos = [];

    [Theory]
    [MemberData(nameof(Modules))]
    public void Domain_code_is_free_of_ef_grpc_and_masstransit(string module)
    {
        var assembly = Module(module).Assembly;
        Assert.Equal(DomainTakingProtos.Where(t => t.StartsWith(module + ".", StringComparison.Ordinal)), Rules.DomainIsPure(assembly, module));
        Assert.Contains(assembly.GetTypes(), t => t.Namespace == module + ".Domain");
    }

    [Fact]
    public void The_domain_rule_can_fail()
    {
        var violations = Rules.DomainIsPure(Self, "RedCross.Architecture.Tests.Violations");
        Assert.Contains("RedCross.Architecture.Tests.Violations.Domain.EntityWithEf", violations);
        Assert.Contains("RedCross.Architecture.Tests.Violations.Domain.DraftTakingAProto", violations);
        Assert.Contains("RedCross.Architecture.Tests.Violations.Domain.RuleInTheGrpcLayer", violations);
        Assert.DoesNotContain("RedCross.Architecture.Tests.Violations.Domain.ClockEvent", violations);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Data_code_does_not_depend_on_the_grpc_layer(string module) =>
        Assert.Empty(Rules.DataIsBelowGrpc(Module(module).Assembly, module));

    [Fact]
    public void The_data_rule_can_fail() =>
        Assert.Contains("RedCross.Architecture.Tests.Violations.Data.StoreThatCallsTheApi", Rules.DataIsBelowGrpc(Self, "RedCross.Architecture.Tests.Violations"));

    [Theory]
    [MemberData(nameof(PlatformAssemblies))]
    public void Only_the_outbox_relay_publishes(string assemblyName) =>
        Assert.Empty(Rules.OnlyTheRelayPublishes(Assembly.Load(assemblyName)));

    [Fact]
    public void The_relay_really_is_the_one_that_publishes() =>
        Assert.Contains("RedCross.Messaging.OutboxRelay`1", typeof(EventLog).Assembly.GetTypes().Select(t => t.FullName));

    [Fact]
    public void The_publishing_rule_can_fail()
    {
        var violations = Rules.OnlyTheRelayPublishes(Self);
        Assert.Contains("RedCross.Architecture.Tests.Violations.PublishesDirectly", violations);
        Assert.Contains("RedCross.Architecture.Tests.Violations.PublishesThroughTheConsumeContext", violations);
    }
}
