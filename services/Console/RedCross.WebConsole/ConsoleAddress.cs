using Microsoft.Extensions.Configuration;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Security;

namespace RedCross.WebConsole;

/// <summary>Where people's browsers reach the console: `Console:PublicUrl` (an office PC's HTTPS address, or the
/// gateway's public address); else, with `Ports:Https`, this machine's name on that port; else this host on localhost.
/// The sign-in redirect URI is made from it.</summary>
internal static class ConsoleAddress
{
    public const string CallbackPath = "/signin-oidc";

    public static string PublicUrl(IConfiguration config, HostPorts ports) =>
        (config["Console:PublicUrl"] is { Length: > 0 } url ? url
            : ports.Https is { } https ? $"https://{Environment.MachineName.ToLowerInvariant()}:{https}"
            : $"http://localhost:{ports.Http}").TrimEnd('/');

    /// <summary>Where browsers are sent to sign in: `Console:AuthorizationEndpoint` (the gateway's public address in
    /// microservices mode); else, with the identity in this process, its page at the console's own public address,
    /// since the discovery document names the issuer as the host knows itself (`http://localhost:...`), which another
    /// machine of the office cannot reach.</summary>
    public static string? AuthorizationEndpoint(IConfiguration config, string publicUrl) =>
        config["Console:AuthorizationEndpoint"] is { Length: > 0 } endpoint ? endpoint
            : AuthenticationSetup.IsEmbedded(config) ? publicUrl + "/connect/authorize"
            : null;

    /// <summary>Adds this console's redirect URI to the identity's `Identity:Apps:console`, after any listed already.</summary>
    public static void RegisterRedirect(IConfiguration config, string publicUrl)
    {
        var redirect = publicUrl + CallbackPath;
        var listed = config.GetSection($"Identity:Apps:{ConsoleSetup.ClientId}:RedirectUris").Get<string[]>() ?? [];
        if (!listed.Contains(redirect, StringComparer.Ordinal))
        {
            config[$"Identity:Apps:{ConsoleSetup.ClientId}:RedirectUris:{listed.Length}"] = redirect;
        }
    }
}
