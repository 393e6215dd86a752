using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.ServiceDefaults.OpenApi;
using Yarp.ReverseProxy.Forwarder;

namespace RedCross.Gateway;

/// <summary>The gateway's own parts: YARP from the `ReverseProxy` section with a short connect timeout,
/// backend failures answered as gRPC `Unavailable` / REST 503, a backend's trailers-only gRPC status forwarded
/// without a body read (<see cref="TrailersOnlyAnswers"/>), and per-caller rate limits that every proxied
/// route opts into (`RateLimiterPolicy: per-caller`); reflection and the OpenAPI document describe the routed
/// contract services (<see cref="RoutedContracts"/>), which no one backend can do. Tokens are validated by the service
/// defaults before any of this runs (WebApplication adds authentication and authorization ahead of the rate limiter).</summary>
internal static class GatewaySetup
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(TrailersOnlyAnswers.Apply);
        builder.Services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, BackendConnections>());
        builder.Services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Configure(o, builder.Configuration));
        var limits = new CallerRateLimits(builder.Configuration);
        builder.Services.AddSingleton(limits);
        builder.Services.AddRateLimiter(limits.Configure);
        GatewayReflection.Add(builder.Services);
        builder.AddApiReference(RoutedContracts.ServiceBases);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // Before the rate limiter, which partitions the anonymous token endpoint by the caller's address.
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(BackendErrors.MapAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
