using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swashbuckle.AspNetCore.Swagger;

namespace RedCross.ServiceDefaults.OpenApi;

/// <summary>How partners find the REST API: an OpenAPI document generated from the protos' `google.api.http` rules
/// (the routes JSON transcoding serves) at <see cref="DocumentPath"/>, and a reference page reading it at
/// <see cref="PagePath"/>. Both are public: they describe the API, every call in it still needs a token, and the
/// protos they come from are no secret. Generated once, on the first request (the routes do not change after start).
/// Every host has them through the service defaults; the gateway describes the services it forwards instead.</summary>
public static class ApiReference
{
    public const string DocumentPath = "/openapi/v1.json";

    public const string PagePath = "/api/docs";

    /// <summary>Describes the transcoded rpcs this host serves (whatever its modules map).</summary>
    internal static void AddApiReference(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(ApiDocumentOptions.Configure);
        builder.Services.TryAddSingleton(sp =>
            new ApiDocument(() => sp.GetRequiredService<ISwaggerProvider>().GetSwagger(ApiDocumentOptions.Name)));
    }

    /// <summary>Describes the given gRPC services (generated base classes) instead, without serving them: for the
    /// gateway, which forwards their routes to the services and maps none of them itself.</summary>
    public static WebApplicationBuilder AddApiReference(this WebApplicationBuilder builder, IReadOnlyCollection<Type> describedServices)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton(sp =>
            new ApiDocument(() => DescriptionOnly.Describe(describedServices, sp.GetRequiredService<IWebHostEnvironment>()))));
        return builder;
    }

    /// <summary>Maps the document and the page, open to anonymous callers.</summary>
    internal static IEndpointConventionBuilder MapApiReference(this WebApplication app)
    {
        var group = app.MapGroup(string.Empty);
        group.MapGet(DocumentPath, (ApiDocument document) => Results.Text(document.Json, "application/json"));
        // The page's middleware serves index.html and its bundled scripts (no CDN: partners' networks and ours may have
        // no Internet). Run as an endpoint so the fallback policy (a token for everything) is lifted for it alone.
        var page = ((IEndpointRouteBuilder)app).CreateApplicationBuilder().UseSwaggerUI(o =>
        {
            o.RoutePrefix = PagePath.TrimStart('/');
            o.DocumentTitle = ApiDocumentOptions.Title;
            o.SwaggerEndpoint(DocumentPath, ApiDocumentOptions.Title);
        }).Build();
        group.MapGet(PagePath + "/{**asset}", http =>
        {
            // The static-file middleware inside serves only requests no endpoint has claimed; authorization is done.
            http.SetEndpoint(null);
            return page(http);
        });
        group.AllowAnonymous().ExcludeFromDescription();
        return group;
    }
}
