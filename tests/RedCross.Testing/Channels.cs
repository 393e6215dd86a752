using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Net.Client;

namespace RedCross.Testing;

/// <summary>gRPC channels to a local port (h2c), calling as a token's principal or anonymously.</summary>
public static class Channels
{
    public static GrpcChannel Local(int port, string? token) => Over(new HttpClient(), port, token);

    /// <summary>Every call carries a deadline <paramref name="timeout"/> from when it reaches the server (the
    /// grpc-timeout header) that this client does not enforce itself: the status the caller reads is the one the
    /// server, or a gateway in between, answered, not the client's own timer. (The client drops grpc-timeout given
    /// as metadata, so the header is added to the HTTP request.)</summary>
    public static GrpcChannel ServerDeadline(int port, string? token, TimeSpan timeout) =>
        Over(new HttpClient(new GrpcTimeout(timeout) { InnerHandler = new SocketsHttpHandler() }), port, token);

    private static GrpcChannel Over(HttpClient client, int port, string? token)
    {
        client.BaseAddress = new Uri($"http://localhost:{port}");
        client.Timeout = Timeout.InfiniteTimeSpan;
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return GrpcChannel.ForAddress(client.BaseAddress, new GrpcChannelOptions { HttpClient = client, DisposeHttpClient = true });
    }

    private sealed class GrpcTimeout(TimeSpan timeout) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "m");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
