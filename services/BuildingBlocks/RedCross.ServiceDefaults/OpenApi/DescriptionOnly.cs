using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.Swagger;

namespace RedCross.ServiceDefaults.OpenApi;

/// <summary>Generates the document of gRPC services this process does not serve. The generator reads transcoded
/// routes from the endpoints of a container, so the services are mapped into a container of their own that never
/// receives a request, used once and thrown away: the serving host's routing never sees them.</summary>
internal static class DescriptionOnly
{
    public static OpenApiDocument Describe(IReadOnlyCollection<Type> serviceBases, IWebHostEnvironment environment)
    {
        var routes = new Routes();
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        // Registered before AddRouting's own, which would read the (internal) route options instead of these routes.
        services.AddSingleton<EndpointDataSource>(_ => new CompositeEndpointDataSource(routes.DataSources));
        services.AddLogging();
        services.AddRouting();
        services.AddGrpcSwagger();
        services.AddSwaggerGen(ApiDocumentOptions.Configure);
        using var provider = services.BuildServiceProvider();
        routes.ServiceProvider = provider;
        var map = typeof(GrpcEndpointRouteBuilderExtensions).GetMethods()
            .Single(m => m.Name == nameof(GrpcEndpointRouteBuilderExtensions.MapGrpcService) && m.IsGenericMethodDefinition);
        foreach (var serviceBase in serviceBases)
        {
            map.MakeGenericMethod(serviceBase).Invoke(null, [routes]);
        }

        return provider.GetRequiredService<ISwaggerProvider>().GetSwagger(ApiDocumentOptions.Name);
    }

    private sealed class Routes : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider { get; set; } = null!;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
    }
}
