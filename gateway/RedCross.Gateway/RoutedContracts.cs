using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace RedCross.Gateway;

/// <summary>The contract services the gateway forwards: every service in RedCross.Contracts but those each host serves
/// for itself (`redcross.common.v1`, outbox administration: one name on many hosts cannot be routed by name, so
/// operators call the host directly). What the gateway's reflection lists and its OpenAPI document describes; the
/// gateway tests check each of them reaches a backend.</summary>
internal static class RoutedContracts
{
    public const string PerHostPackage = "redcross.common.v1";

    /// <summary>The generated base class of each service (it carries the binding the gRPC and transcoding code read).</summary>
    public static IReadOnlyList<Type> ServiceBases { get; } =
        [.. typeof(OrgUnits).Assembly.GetTypes()
            .Where(t => DescriptorOf(t) is { } service && service.File.Package != PerHostPackage)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static IReadOnlyList<ProtoService> Services { get; } = [.. ServiceBases.Select(t => DescriptorOf(t)!)];

    /// <summary>The service descriptor of a generated service base class or of a class derived from one, else null.</summary>
    public static ProtoService? DescriptorOf(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetCustomAttributes(typeof(BindServiceMethodAttribute), inherit: false) is [BindServiceMethodAttribute bind, ..])
            {
                return bind.BindType.GetProperty("Descriptor")?.GetValue(null) as ProtoService;
            }
        }

        return null;
    }
}
