using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;

namespace RedCross.ServiceDefaults.OpenApi;

/// <summary>The OpenAPI document as served: generated on first use, then the same text for every request.</summary>
internal sealed class ApiDocument(Func<OpenApiDocument> generate)
{
    private readonly Lazy<string> json = new(() => generate().SerializeAsJson(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0));

    public string Json => json.Value;
}
