using Google.Rpc;
using Yarp.ReverseProxy.Forwarder;

namespace RedCross.Gateway;

/// <summary>Turns YARP's own failures (backend refused the connection, did not connect within the connect
/// timeout, went silent past the cluster's activity timeout, or has no healthy destination) into an answer a
/// client can act on: gRPC `Unavailable` naming the service, or REST 503 with a problem body. YARP leaves the
/// response unstarted in those cases (502/503/504, no body); a failure after the backend began answering
/// cannot be rewritten and is left to YARP (it resets the stream).</summary>
internal static class BackendErrors
{
    public static async Task MapAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || !IsBackendFailure(error.Error))
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
