using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RedCross.ServiceDefaults.OpenApi;

/// <summary>What every OpenAPI document of the platform says, whichever host serves it.</summary>
internal static class ApiDocumentOptions
{
    public const string Name = "v1";

    public const string Title = "RedCross.Platform API";

    /// <summary>The protos' comments, as Grpc.Tools writes them into the contracts' XML documentation (copied beside
    /// every host that references the contracts).</summary>
    private static readonly string ContractsXml = Path.Combine(AppContext.BaseDirectory, "RedCross.Contracts.xml");

    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc(Name, new OpenApiInfo
        {
            Title = Title,
            Version = Name,
            Description = "REST (JSON) of the platform's gRPC API, generated from the protos' HTTP rules. Every call needs "
                + "`Authorization: Bearer <token>` from the identity: `POST /connect/token` with grant_type=client_credentials "
                + "for partners and services; people sign in with `rc login`. Errors carry google.rpc details.",
        });
        options.AddSecurityDefinition(BearerRequirement.Scheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token (ES256 JWT, audience `redcross`) issued by the platform's identity.",
        });
        options.OperationFilter<BearerRequirement>();
        // Two packages may name a message alike (an audit entry, a list request): the C# full name tells them apart.
        options.CustomSchemaIds(SchemaId);
        if (File.Exists(ContractsXml))
        {
            options.IncludeXmlComments(ContractsXml);
            options.IncludeGrpcXmlComments(ContractsXml, includeControllerXmlComments: true);
        }
    }

    internal static string SchemaId(Type type) =>
        (type.FullName ?? type.Name).Replace("+Types+", ".", StringComparison.Ordinal).Replace('+', '.');
}
