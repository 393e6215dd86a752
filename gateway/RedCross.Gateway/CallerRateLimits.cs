using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.RateLimiting;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Gateway;

/// <summary>Per-caller quotas, partitioned by the validated token (never by IP, which NAT and proxies share):
/// a partner or service client by its client id, a person by subject; only the anonymous token endpoint by IP.
/// Permits per second from `Gateway:RateLimits`: `Clients:&lt;client id&gt;` for one client, else
/// `PartnerPerSecond` for partners and `StaffPerSecond` for staff and services, `AnonymousPerSecond` per IP.
/// A token bucket holding one second's permits: a caller may burst up to its quota, then is refused (no queue).</summary>
internal sealed class CallerRateLimits(IConfiguration configuration)
{
    public const string Policy = "per-caller";
    private const string Section = "Gateway:RateLimits";

    public int StaffPerSecond => configuration.GetValue($"{Section}:StaffPerSecond", 2000);

    public int PartnerPerSecond => configuration.GetValue($"{Section}:PartnerPerSecond", 20);

    public int AnonymousPerSecond => configuration.GetValue($"{Section}:AnonymousPerSecond", 20);

    /// <summary>The partition key and quota of the caller of <paramref name="user"/>.</summary>
    public (string Key, int PerSecond) QuotaOf(ClaimsPrincipal user, string? remoteIp)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return ("ip:" + (remoteIp ?? "unknown"), AnonymousPerSecond);
        }

        var role = user.FindFirst(CallerClaims.Role)?.Value;
        var subject = user.FindFirst(CallerClaims.Subject)?.Value ?? string.Empty;
        if (role is Roles.Partner or Roles.Service)
        {
            // The embedded authority puts the client id in `sub`; OIDC authorities such as Keycloak also
            // name it in `client_id` or `azp`.
            var client = user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value ?? subject;
            var fallback = role == Roles.Partner ? PartnerPerSecond : StaffPerSecond;
            return ("client:" + client, configuration.GetValue($"{Section}:Clients:{client}", fallback));
        }

        return ("user:" + subject, StaffPerSecond);
    }

    public void Configure(RateLimiterOptions options)
    {
        options.AddPolicy(Policy, context =>
        {
            var (key, perSecond) = QuotaOf(context.User, context.Connection.RemoteIpAddress?.ToString());
            return RateLimitPartition.GetTokenBucketLimiter($"{key}|{perSecond}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = (context, _) => RejectAsync(context.HttpContext, context.Lease);
    }

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        const string message = "Rate limit exceeded for this client; retry after the delay in RetryInfo / Retry-After.";
        if (GatewayResponses.IsGrpc(http.Request))
        {
            GatewayResponses.WriteGrpcStatus(http.Response, Code.ResourceExhausted, message,
                new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) },
                GatewayResponses.Reason("RATE_LIMITED"));
            return;
        }

        await GatewayResponses.WriteProblemAsync(http.Response, StatusCodes.Status429TooManyRequests, "Too many requests", message);
    }
}
