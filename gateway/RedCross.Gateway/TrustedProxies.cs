using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RedCross.Gateway;

/// <summary>X-Forwarded-For and -Proto are believed only from the proxies named in `Gateway:TrustedProxies` (addresses
/// or CIDR networks, e.g. the ingress's): a caller cannot pick its own address to escape the per-IP quota of the token
/// endpoint, and behind an ingress each client still gets its own. ASP.NET Core trusts loopback by default; here
/// nothing is trusted unless configured.</summary>
internal static class TrustedProxies
{
    public const string Section = "Gateway:TrustedProxies";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        var trusted = configuration.GetSection(Section).Get<string[]>() ?? [];
        // With both lists empty the middleware would believe every sender: no trusted proxy means no forwarded header read.
        options.ForwardedHeaders = trusted.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }
    }
}
