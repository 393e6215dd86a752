using System.CommandLine;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RedCross.ServiceDefaults;

namespace RedCross.Cli;

/// <summary>Where `rc` talks to and with which token. `rc login` saves both in the data folder (the
/// monolith's, so the two agree with no flags); `--server` and `--data` override on any command.</summary>
internal sealed class Session
{
    public const string DefaultServer = "http://localhost:5081";
    private const string FileName = "rc-session.json";

    public required string DataDirectory { get; init; }

    public required string Server { get; init; }

    public string? Token { get; init; }

    public static Session Load(ParseResult args)
    {
        var data = ResolveData(args);
        var saved = File.Exists(Path.Combine(data, FileName))
            ? JsonSerializer.Deserialize<Saved>(File.ReadAllText(Path.Combine(data, FileName)))
            : null;
        return new Session { DataDirectory = data, Server = args.GetValue(CommonOptions.Server) ?? saved?.Server ?? DefaultServer, Token = saved?.Token };
    }

    public static string ResolveData(ParseResult args)
    {
        var dir = Path.GetFullPath(args.GetValue(CommonOptions.Data) ?? Environment.GetEnvironmentVariable("RC_DATA") ?? ServiceDefaults.DataDirectory.Default);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Save()
    {
        var path = Path.Combine(DataDirectory, FileName);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(JsonSerializer.Serialize(new Saved(Server, Token)));
    }

    public GrpcChannel Channel(string? token = null)
    {
        var bearer = token ?? Token ?? throw new UsageException("Not logged in: run `rc login --role ROLE --org CODE` first.");
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + bearer);
            return Task.CompletedTask;
        });
        if (!Uri.TryCreate(Server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https") || address.Host.Length == 0)
        {
            throw new UsageException($"'{Server}' is not a server address: give --server as http://HOST:PORT or https://HOST:PORT.");
        }

        // TLS to a gateway behind HTTPS; cleartext only to an http:// address (a monolith on this machine).
        var secure = address.Scheme == "https";
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = !secure,
            MaxReceiveMessageSize = Extensions.MaxMessageBytes,
        });
    }

    private sealed record Saved(string Server, string? Token);
}
