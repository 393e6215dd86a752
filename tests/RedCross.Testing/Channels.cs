using System.Net.Http.Headers;
using Grpc.Net.Client;

namespace RedCross.Testing;

/// <summary>gRPC channels to a local port (h2c), calling as a token's principal or anonymously.</summary>
public static class Channels
{
    public static GrpcChannel Local(int port, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return GrpcChannel.ForAddress(client.BaseAddress, new GrpcChannelOptions { HttpClient = client, DisposeHttpClient = true });
    }
}
