using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RedCross.ServiceDefaults.OpenApi;

/// <summary>Marks every operation as needing the bearer token, except an rpc that allows anonymous callers (the first
/// admin's setup): the document says what the host enforces (the fallback policy requires a token for the rest).</summary>
internal sealed class BearerRequirement : IOperationFilter
{
    public const string Scheme = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var scheme = new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = Scheme } };
        operation.Security.Add(new OpenApiSecurityRequirement { [scheme] = [] });
    }
}
