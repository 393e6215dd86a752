using RedCross.ServiceDefaults.OpenApi;
using RedCross.Testing;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>The monolith's OpenAPI document describes every module it serves, and says which rpc needs no token.</summary>
public sealed class ApiReferenceTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_document_lists_every_modules_routes_with_the_bearer_scheme()
    {
        var document = await OpenApiDocuments.Read(factory.Rest(null));

        var routes = new[] { ("GET", "/api/v1/members/{id}"), ("POST", "/api/v1/beneficiaries"), ("POST", "/api/v1/campaigns"), ("GET", "/api/v1/clients") };
        foreach (var (verb, path) in routes)
        {
            var operation = document.Operation(verb, path);
            Assert.True(operation is not null, $"{verb} {path} is not in the document");
            Assert.True(operation.RequiresBearer(), $"{verb} {path} does not name the bearer scheme");
        }

        var bearer = document["components"]?["securitySchemes"]?["bearer"];
        Assert.Equal(("http", "bearer"), (bearer?["type"]?.GetValue<string>(), bearer?["scheme"]?.GetValue<string>()));
    }

    [Fact]
    public async Task The_first_admins_setup_is_described_without_a_token_as_it_is_served()
    {
        var document = await OpenApiDocuments.Read(factory.Rest(null));

        var setup = document.Operation("POST", "/api/v1/accounts:setup");
        Assert.NotNull(setup);
        Assert.False(setup.RequiresBearer());
        Assert.True(document.Operation("POST", "/api/v1/accounts")?.RequiresBearer());
    }

    [Fact]
    public async Task The_reference_page_answers_without_a_token_and_reads_the_document()
    {
        var html = await OpenApiDocuments.ReadPage(factory.Rest(null));

        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.Contains(ApiReference.DocumentPath, html, StringComparison.Ordinal);
    }
}
