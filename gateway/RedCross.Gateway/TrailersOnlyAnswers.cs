using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace RedCross.Gateway;

/// <summary>A backend's trailers-only gRPC answer (its grpc-status already in the response headers: the call ended
/// with no message) is forwarded as it is, without reading a body. Reading one can fail: a gRPC server ending a call
/// at its deadline answers DeadlineExceeded and then resets the stream (CANCEL), and while the caller's request
/// stream is still being forwarded (a client-streamed import) HttpClient turns that reset into a failure of the
/// whole response, which YARP answered with a bare 502 or 400: the caller read Unavailable or Internal instead of
/// DeadlineExceeded, and might have retried.</summary>
internal static class TrailersOnlyAnswers
{
    public static void Apply(TransformBuilderContext context) => context.AddResponseTransform(transform =>
    {
        if (GatewayResponses.IsGrpc(transform.HttpContext.Request) && transform.ProxyResponse?.Headers.Contains("grpc-status") == true)
        {
            transform.SuppressResponseBody = true;
        }

        return ValueTask.CompletedTask;
    });
}
