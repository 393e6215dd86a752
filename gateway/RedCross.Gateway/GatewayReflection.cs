using Grpc.AspNetCore.Server;
using Grpc.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace RedCross.Gateway;

/// <summary>gRPC reflection at the gateway describes the platform, not the gateway: its own services (health,
/// reflection) and every routed contract service, from the contracts' descriptors. A host's reflection lists only the
/// services it maps, and the gateway routes by service name with no one host to send a reflection stream to. It stays
/// under the fallback policy (ServiceDefaults maps it): a caller needs a valid token, an anonymous one is Unauthenticated.</summary>
internal static class GatewayReflection
{
    public static void Add(IServiceCollection services)
    {
        // Replaces the reflection services' descriptors, which the gRPC library takes from this host's endpoints alone.
        services.Replace(ServiceDescriptor.Singleton(sp => new ReflectionServiceImpl(Described(sp))));
        services.Replace(ServiceDescriptor.Singleton(sp => new ReflectionV1ServiceImpl(Described(sp))));
    }

    private static List<ProtoService> Described(IServiceProvider services)
    {
        var own = services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.ServiceType)
            .OfType<Type>()
            .Select(RoutedContracts.DescriptorOf)
            .OfType<ProtoService>();
        return [.. own.Concat(RoutedContracts.Services).DistinctBy(s => s.FullName)];
    }
}
