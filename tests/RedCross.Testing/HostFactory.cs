using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Testing;

/// <summary>A host in-process on its own temporary data folder (real SQLite files), the in-memory bus
/// with MassTransit's test harness, and tokens signed with the identity's key kept in that folder, as on the machine
/// of an embedded deployment (a host that does not run the identity only validates with it).</summary>
public class HostFactory<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    /// <summary>The issuer of every host started by a test factory, so a token signed before the host starts is valid.</summary>
    public const string Issuer = "http://localhost/";

    public HostFactory() => IdentityKeys.OpenOrCreate(KeysFolder, Issuer);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rc-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>The identity keys of this folder: another host of the same test validates with them when pointed here
    /// (`Auth:KeysDirectory`).</summary>
    public string KeysFolder => IdentityKeys.DefaultFolder(DataDirectory);

    public Tokens Tokens => new(DataDirectory);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ServiceDefaults.DataDirectory.ConfigKey, DataDirectory);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Messaging:Transport", "InMemory");
        builder.UseSetting("Messaging:Relay:PollInterval", "00:00:00.050");
        builder.ConfigureServices(services => services.AddMassTransitTestHarness());
    }

    /// <summary>A gRPC channel over the test server, calling as the token's principal (or anonymously).</summary>
    public GrpcChannel Channel(string? token)
    {
        var client = CreateDefaultClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return GrpcChannel.ForAddress(client.BaseAddress!, new GrpcChannelOptions { HttpClient = client, MaxSendMessageSize = null });
    }

    /// <summary>A REST client over the test server.</summary>
    public HttpClient Rest(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
