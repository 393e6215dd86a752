using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace RedCross.WebConsole;

/// <summary>The console's one stylesheet and one script, embedded in the assembly and served with a content hash in
/// their address, so a phone downloads each once (cached for a year) and a new version is a new address.</summary>
internal static class ConsoleAssets
{
    private static readonly IReadOnlyDictionary<string, Asset> Assets = Load();

    /// <summary>The address to put in a page, for example `/assets/console.css?v=1a2b3c4d`.</summary>
    public static string Url(string name) => $"/assets/{name}?v={Assets[name].Version}";

    public static void Map(WebApplication app) =>
        app.MapGet("/assets/{name}", (string name, HttpContext http) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue($"\"{asset.Version}\""));
        }).AllowAnonymous();

    private static Dictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("console/", StringComparison.Ordinal))
            .ToDictionary(n => n["console/".Length..], n => Asset.Read(assembly, n), StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version)
    {
        public static Asset Read(Assembly assembly, string resource)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var type = resource.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            return new Asset(content, type, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..12]);
        }
    }
}
