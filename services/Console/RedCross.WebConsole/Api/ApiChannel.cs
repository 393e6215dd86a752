using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using RedCross.ServiceDefaults;
using RedCross.WebConsole.SignIn;

namespace RedCross.WebConsole.Api;

/// <summary>The one channel to the public gRPC API: `Console:Api` (the gateway's gRPC address in microservices mode),
/// else this host's own gRPC port (the monolith). Every call carries the token of the person whose request is being
/// served, taken from the vault at call time; there is no other identity to fall back on.</summary>
internal sealed class ApiChannel : IDisposable
{
    /// <summary>The session a background task of the console (an import) calls as, after its request has ended.</summary>
    private static readonly AsyncLocal<string?> BackgroundSession = new();

    public ApiChannel(IConfiguration config, HostPorts ports, TokenVault vault, IHttpContextAccessor http)
    {
        var address = config["Console:Api"] is { Length: > 0 } a ? a : ports.LocalGrpcUrl;
        var person = CallCredentials.FromInterceptor(async (context, metadata) =>
        {
            var session = BackgroundSession.Value ?? http.HttpContext?.User.FindFirst(ConsoleAuthentication.SessionClaim)?.Value;
            metadata.Add("authorization", "Bearer " + await vault.AccessTokenAsync(session, context.CancellationToken));
        });
        var secure = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, person),
            // In the monolith and inside a cluster the API is reached in clear (TLS ends at the ingress).
            UnsafeUseInsecureChannelCallCredentials = !secure,
            MaxReceiveMessageSize = Extensions.MaxMessageBytes,
        });
    }

    public GrpcChannel Channel { get; }

    /// <summary>Calls made from here on in this async flow carry the session's token (a task started for a request
    /// that will have ended before it does).</summary>
    public static void ActAs(string session) => BackgroundSession.Value = session;

    public void Dispose() => Channel.Dispose();
}
