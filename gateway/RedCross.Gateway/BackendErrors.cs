using System.Globalization;
using Google.Rpc;
using Yarp.ReverseProxy.Forwarder;

namespace RedCross.Gateway;

/// <summary>Turns YARP's own failures (backend refused the connection, did not connect within the connect
/// timeout, went silent past the cluster's activity timeout, or has no healthy destination) into an answer a
/// client can act on: gRPC `Unavailable` naming the service, or REST 503 with a problem body. YARP leaves the
/// response unstarted in those cases (502/503/504, no body); a failure after the backend began answering
/// cannot be rewritten and is left to YARP (it resets the stream). A gRPC call that fails at the gateway after its
/// deadline (grpc-timeout) has passed is answered DeadlineExceeded, whatever broke.</summary>
internal static class BackendErrors
{
    public static async Task MapAsync(HttpContext context, Func<Task> next)
    {
        var deadline = GrpcDeadline(context.Request);
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        // A backend ending a call at its deadline resets the stream; if that reset reaches HttpClient before the
        // answer's headers (a client-streamed request still being forwarded, on a busy machine), YARP sees a failed
        // request, not the backend's DeadlineExceeded. Past the caller's deadline, that is the answer to give.
        if (GatewayResponses.IsGrpc(context.Request) && deadline is { } due && DateTime.UtcNow >= due)
        {
            GatewayResponses.WriteGrpcStatus(context.Response, Code.DeadlineExceeded, "The call's deadline passed before the service answered.");
            return;
        }

        if (!IsBackendFailure(error.Error))
        {
            return;
        }

        var service = ServiceOf(context.GetReverseProxyFeature().Cluster?.Config.ClusterId);
        var message = error.Error switch
        {
            ForwarderError.RequestTimedOut => $"The {service} service did not answer in time; try again shortly.",
            ForwarderError.NoAvailableDestinations => $"The {service} service has no healthy instance; try again shortly.",
            _ => $"The {service} service is unavailable; try again shortly.",
        };
        if (GatewayResponses.IsGrpc(context.Request))
        {
            GatewayResponses.WriteGrpcStatus(context.Response, Code.Unavailable, message,
                GatewayResponses.Reason("BACKEND_UNAVAILABLE", ("service", service)));
            return;
        }

        await GatewayResponses.WriteProblemAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "Service unavailable", message);
    }

    /// <summary>When a gRPC call's deadline passes, from its grpc-timeout header ("1S", "200m": up to 8 digits and a
    /// unit, H M S m u n); null without one, with one the gateway cannot read, or one over a day (no deadline to speak of).</summary>
    private static DateTime? GrpcDeadline(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var header = request.Headers["grpc-timeout"].ToString();
        if (header.Length is < 2 or > 9 || !long.TryParse(header.AsSpan(0, header.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        TimeSpan? timeout = header[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
        return timeout <= TimeSpan.FromDays(1) ? DateTime.UtcNow + timeout : null;
    }

    /// <summary>Failures of the backend, not of the caller (a caller that hung up needs no answer).</summary>
    private static bool IsBackendFailure(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations;

    /// <summary>"membershipGrpc" → "membership": clusters are named service + transport.</summary>
    public static string ServiceOf(string? clusterId)
    {
        if (clusterId is null)
        {
            return "backend";
        }

        foreach (var suffix in (string[])["Grpc", "Http"])
        {
            if (clusterId.EndsWith(suffix, StringComparison.Ordinal))
            {
                return clusterId[..^suffix.Length];
            }
        }

        return clusterId;
    }
}
