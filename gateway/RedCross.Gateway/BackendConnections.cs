using Yarp.ReverseProxy.Forwarder;

namespace RedCross.Gateway;

/// <summary>YARP's connections to the backends, with a short connect timeout (`Gateway:ConnectTimeout`,
/// default 500 ms; YARP's own default is 15 s). A refused connection fails at once anyway; this bounds an
/// unreachable host (packets dropped, a node gone), so a down backend is answered well within a second. Inside
/// a cluster a connect takes well under a millisecond, and a lost SYN is only retried by the kernel after 1 s,
/// so any bound under a second treats a lost SYN as down; 500 ms leaves the other half for the answer.</summary>
internal sealed class BackendConnections(IConfiguration configuration, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    public TimeSpan ConnectTimeout => configuration.GetValue("Gateway:ConnectTimeout", TimeSpan.FromMilliseconds(500));

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = ConnectTimeout;
    }
}
