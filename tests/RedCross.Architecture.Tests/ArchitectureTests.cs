using System.Reflection;
using RedCross.Membership;
using RedCross.Messaging;
using RedCross.Reporting;
using Xunit;

namespace RedCross.Architecture.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Membership = typeof(MembershipModule).Assembly;
    private static readonly Assembly Reporting = typeof(ReportingModule).Assembly;
    private static readonly Assembly Self = typeof(ArchitectureTests).Assembly;

    public static TheoryData<string> PlatformAssemblies => new()
    {
        "RedCross.Membership", "RedCross.Reporting", "RedCross.Messaging", "RedCross.OrgReplica", "RedCross.ServiceDefaults",
        "RedCross.Contracts", "RedCross.Contracts.Events",
    };

    [Fact]
    public void Modules_do_not_reference_each_other()
    {
        Assert.Empty(Rules.ModuleIsolation(Membership, "RedCross.Membership"));
        Assert.Empty(Rules.ModuleIsolation(Reporting, "RedCross.Reporting"));
        Assert.DoesNotContain("RedCross.Reporting", Membership.GetReferencedAssemblies().Select(a => a.Name));
        Assert.DoesNotContain("RedCross.Membership", Reporting.GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void The_module_isolation_rule_can_fail() =>
        Assert.Contains("RedCross.Membership.Violations.ReachesIntoReporting", Rules.ModuleIsolation(Self, "RedCross.Membership"));

    [Fact]
    public void Domain_code_is_free_of_ef_grpc_and_masstransit()
    {
        Assert.Empty(Rules.DomainIsPure(Membership, "RedCross.Membership.Domain"));
        Assert.Empty(Rules.DomainIsPure(Reporting, "RedCross.Reporting.Domain"));
        Assert.Contains(Membership.GetTypes(), t => t.Namespace == "RedCross.Membership.Domain");
    }

    [Fact]
    public void The_domain_rule_can_fail() =>
        Assert.Contains("RedCross.Architecture.Tests.Violations.Domain.EntityWithEf", Rules.DomainIsPure(Self, "RedCross.Architecture.Tests.Violations.Domain"));

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
