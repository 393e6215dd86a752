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

    /// <summary>The access token every call carries (kept under `Token` in rc-session.json, for scripts).</summary>
    public string? Token { get; private set; }

    /// <summary>With a sign-in at an identity (`rc login --server`): the refresh token that renews <see cref="Token"/>.</summary>
    public string? RefreshToken { get; private set; }

    /// <summary>The identity's HTTP address that signed the person in, where the refresh token is used.</summary>
    public string? Identity { get; init; }

    public static Session Load(ParseResult args)
    {
        var data = ResolveData(args);
        var saved = File.Exists(Path.Combine(data, FileName))
            ? JsonSerializer.Deserialize<Saved>(File.ReadAllText(Path.Combine(data, FileName)))
            : null;
        return new Session
        {
            DataDirectory = data,
            Server = args.GetValue(CommonOptions.Server) ?? saved?.Server ?? DefaultServer,
            Token = saved?.Token,
            RefreshToken = saved?.RefreshToken,
            Identity = saved?.Identity,
        };
    }

    /// <summary>A session that calls <paramref name="server"/> with the given tokens.</summary>
    public static Session SignedIn(string dataDirectory, string server, string token, string? refreshToken = null, string? identity = null) =>
        new() { DataDirectory = dataDirectory, Server = server, Token = token, RefreshToken = refreshToken, Identity = identity };

    /// <summary>The access token, renewed with the refresh token (and saved) when it expires within a minute.</summary>
    public async Task<string> CurrentTokenAsync(CancellationToken ct)
    {
        var token = Token ?? throw new UsageException("Not logged in: run `rc login --server URL` (or, beside a monolith, `rc login --role ROLE --org CODE`).");
        if (RefreshToken is null || Identity is null || new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).ValidTo > DateTime.UtcNow.AddMinutes(1))
        {
            return token;
        }

        using var identity = new IdentityHttp(new Uri(Identity));
        var renewed = await identity.RefreshAsync(RefreshToken, ct);
        if (renewed.AccessToken is null)
        {
            throw new UsageException($"The sign-in has ended ({renewed.Error}): run `rc login --server {Server}` again.");
        }

        (Token, RefreshToken) = (renewed.AccessToken, renewed.RefreshToken ?? RefreshToken);
        Save();
        return Token;
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
        writer.Write(JsonSerializer.Serialize(new Saved(Server, Token, RefreshToken, Identity)));
    }

    /// <summary>A channel whose calls carry <paramref name="token"/>, else the session's current token (renewed when due).</summary>
    public GrpcChannel Channel(string? token = null)
    {
        if (token is null && Token is null)
        {
            throw new UsageException("Not logged in: run `rc login --server URL` (or, beside a monolith, `rc login --role ROLE --org CODE`).");
        }

        var credentials = CallCredentials.FromInterceptor(async (context, metadata) =>
            metadata.Add("authorization", "Bearer " + (token ?? await CurrentTokenAsync(context.CancellationToken))));
        return Open(credentials);
    }

    /// <summary>A channel whose calls carry no token (the first admin's setup).</summary>
    public GrpcChannel AnonymousChannel() => Open(null);

    private GrpcChannel Open(CallCredentials? credentials)
    {
        if (!Uri.TryCreate(Server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https") || address.Host.Length == 0)
        {
            throw new UsageException($"'{Server}' is not a server address: give --server as http://HOST:PORT or https://HOST:PORT.");
        }

        // TLS to a gateway behind HTTPS; cleartext only to an http:// address (a monolith on this machine).
        var secure = address.Scheme == "https";
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = credentials is null
                ? (secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure)
                : ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = !secure,
            MaxReceiveMessageSize = Extensions.MaxMessageBytes,
        });
    }

    private sealed record Saved(string Server, string? Token, string? RefreshToken = null, string? Identity = null);
}
