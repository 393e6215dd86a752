using System.Threading.RateLimiting;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Gateway;

/// <summary>The gateway's own parts: YARP from the `ReverseProxy` section, and a token-bucket rate limit
/// per caller (`Gateway:RequestsPerSecond`, default 2000) that proxied routes opt into.</summary>
internal static class GatewaySetup
{
    public const string RateLimitPolicy = "per-caller";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("Gateway:RequestsPerSecond", 2000);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, ctx => RateLimitPartition.GetTokenBucketLimiter(
                ctx.User.FindFirst(CallerClaims.Subject)?.Value ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapReverseProxy();
        return app;
    }
}
