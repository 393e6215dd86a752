using System.Net;
using RedCross.ServiceDefaults.OpenApi;
using RedCross.Testing;
using Xunit;

namespace RedCross.Gateway.Tests;

/// <summary>A partner finds the whole REST API at the gateway: one OpenAPI document generated from the contracts'
/// HTTP rules (every routed service, none of them served by the gateway itself, so no backend is asked), with the
/// bearer scheme, and a reference page; both answer without a token.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private GatewayUnderTest gateway = null!;

    public async Task InitializeAsync() => gateway = await GatewayUnderTest.StartAsync();

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task The_document_lists_the_transcoded_routes_of_every_service_behind_the_bearer_scheme()
    {
        var document = await OpenApiDocuments.Read(gateway.Rest(null));

        var getMember = document.Operation("GET", "/api/v1/members/{id}");
        var createBeneficiary = document.Operation("POST", "/api/v1/beneficiaries");
        Assert.NotNull(getMember);
        Assert.NotNull(createBeneficiary);
        Assert.NotNull(document.Operation("GET", "/api/v1/orgUnits/{orgUnit}/annualReports/{year}"));
        // The protos' comments, through the contracts' XML documentation.
        Assert.Equal("Reads one member.", getMember["summary"]?.GetValue<string>().Trim());
        var scheme = document["components"]?["securitySchemes"]?["bearer"];
        Assert.Equal(
            ("http", "bearer", "JWT"),
            (scheme?["type"]?.GetValue<string>(), scheme?["scheme"]?.GetValue<string>(), scheme?["bearerFormat"]?.GetValue<string>()));
        Assert.True(getMember.RequiresBearer());
        Assert.True(createBeneficiary.RequiresBearer());
    }

    [Fact]
    public async Task Every_REST_binding_of_the_routed_contracts_is_in_the_document_and_nothing_else()
    {
        var document = await OpenApiDocuments.Read(gateway.Rest(null));
        var described = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"))
            .ToList();
        var bindings = ContractRoutes.Services()
            .Where(s => !ContractRoutes.PerHostPackages.Contains(s.File.Package))
            .SelectMany(s => s.Methods.SelectMany(ContractRoutes.HttpBindings))
            .ToList();

        Assert.Equal(bindings.Count, described.Count);
        // Outbox administration is per host: the gateway cannot route it, so it does not offer it.
        Assert.DoesNotContain(described, d => d.Contains("/api/v1/admin/outboxes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reference_page_answers_with_HTML_and_its_scripts()
    {
        var html = await OpenApiDocuments.ReadPage(gateway.Rest(null));
        using var script = await gateway.Rest(null).GetAsync(ApiReference.PagePath + "/swagger-ui-bundle.js");

        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.Contains(ApiReference.DocumentPath, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
