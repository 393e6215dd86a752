using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace RedCross.Architecture.Tests;

/// <summary>The architecture rules as functions of the assembly they inspect, so each test can run a
/// rule on the product and, to prove the rule can fail, on a deliberate violation kept in this project.</summary>
internal static partial class Rules
{
    /// <summary>A module depends on contracts and building blocks only, never on another module.</summary>
    public static IReadOnlyList<string> ModuleIsolation(Assembly assembly, string ownNamespace, IEnumerable<string> moduleNamespaces) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(ownNamespace)
            .ShouldNot().HaveDependencyOnAny(moduleNamespaces.Where(n => n != ownNamespace).ToArray()).GetResult());

    /// <summary>Storage sits below the API: a module's Data code never reaches up into its Grpc code.</summary>
    public static IReadOnlyList<string> DataIsBelowGrpc(Assembly assembly, string moduleNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(moduleNamespace + ".Data")
            .ShouldNot().HaveDependencyOn(moduleNamespace + ".Grpc").GetResult());

    /// <summary>Domain code knows nothing of EF Core, gRPC, protobuf or MassTransit, nor of its module's Grpc namespace
    /// or any proto type (RedCross.Contracts.{Service}.V{n}); integration events (RedCross.Contracts.Events) are fine.
    /// Read from the IL: the NetArchTest form missed relief's DistributionDraft, which named a proto message through an
    /// alias, in a parameter only.</summary>
    public static IReadOnlyList<string> DomainIsPure(Assembly assembly, string moduleNamespace)
    {
        string[] forbidden = ["Microsoft.EntityFrameworkCore", "Grpc.", "Google.Protobuf", "MassTransit", moduleNamespace + ".Grpc"];
        bool IsForbidden(string ns) => ProtoNamespace().IsMatch(ns) || forbidden.Any(f => (ns + ".").StartsWith(f.TrimEnd('.') + ".", StringComparison.Ordinal));
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return [.. module.Types.Where(t => t.Namespace == moduleNamespace + ".Domain" || t.Namespace.StartsWith(moduleNamespace + ".Domain.", StringComparison.Ordinal))
            .Where(t => ShapeRules.References(t).Any(r => IsForbidden(r.Namespace)))
            .Select(t => t.FullName)];
    }

    [GeneratedRegex(@"^RedCross\.Contracts\.[A-Za-z]+\.V[0-9]+$")]
    private static partial Regex ProtoNamespace();

    /// <summary>Only the outbox relay touches IBus / IPublishEndpoint or calls Publish/Send on MassTransit types.</summary>
    public static IReadOnlyList<string> OnlyTheRelayPublishes(Assembly assembly)
    {
        string[] forbiddenTypes = ["MassTransit.IBus", "MassTransit.IPublishEndpoint", "MassTransit.ISendEndpointProvider"];
        var violations = new List<string>();
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        foreach (var type in module.GetTypes().Where(t => !t.FullName.StartsWith("RedCross.Messaging.OutboxRelay`1", StringComparison.Ordinal)))
        {
            var typeRefs = type.Fields.Select(f => f.FieldType)
                .Concat(type.Methods.SelectMany(m => m.Parameters.Select(p => p.ParameterType)))
                .Concat(type.Properties.Select(p => p.PropertyType));
            if (typeRefs.Any(t => forbiddenTypes.Contains(t.FullName)))
            {
                violations.Add(type.FullName);
                continue;
            }

            var calls = type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
                .Where(i => i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt)
                .Select(i => (MethodReference)i.Operand);
            if (calls.Any(c => c.Name is "Publish" or "Send" or "PublishBatch" or "SendBatch" && c.DeclaringType.Namespace.StartsWith("MassTransit", StringComparison.Ordinal)))
            {
                violations.Add(type.FullName);
            }
        }

        return violations;
    }

    private static IReadOnlyList<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : (IReadOnlyList<string>?)result.FailingTypeNames?.ToList() ?? ["(unnamed)"];
}
