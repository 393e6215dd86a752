using Microsoft.Extensions.Configuration;
using RedCross.ServiceDefaults;

namespace RedCross.WebConsole;

/// <summary>Where people's browsers reach the console: `Console:PublicUrl` (an office PC's HTTPS address, or the
/// gateway's public address), else this host on localhost. The sign-in redirect URI is made from it.</summary>
internal static class ConsoleAddress
{
    public const string CallbackPath = "/signin-oidc";

    public static string PublicUrl(IConfiguration config, HostPorts ports) =>
        (config["Console:PublicUrl"] is { Length: > 0 } url ? url : $"http://localhost:{ports.Http}").TrimEnd('/');

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
