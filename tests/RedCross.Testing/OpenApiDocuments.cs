using System.Net;
using System.Text.Json.Nodes;
using RedCross.ServiceDefaults.OpenApi;
using Xunit;

namespace RedCross.Testing;

/// <summary>Reads a host's OpenAPI document as a partner would: anonymously, over REST.</summary>
public static class OpenApiDocuments
{
    public static async Task<JsonObject> Read(HttpClient anonymous)
    {
        using var response = await anonymous.GetAsync(ApiReference.DocumentPath);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The operation of a verb and path (as the document writes it, `{variable}` included), or null.</summary>
    public static JsonNode? Operation(this JsonObject document, string verb, string path) =>
        document["paths"]?[path]?[verb.ToLowerInvariant()];

    /// <summary>True when the operation names the bearer scheme as its requirement.</summary>
    public static bool RequiresBearer(this JsonNode operation) =>
        operation["security"] is JsonArray requirements && requirements.Any(r => r?["bearer"] is not null);

    /// <summary>Asks for the reference page (following its redirect to index.html) and returns its HTML.</summary>
    public static async Task<string> ReadPage(HttpClient anonymous)
    {
        using var response = await anonymous.GetAsync(ApiReference.PagePath);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }
}
