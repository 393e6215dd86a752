using RedCross.ServiceDefaults.OpenApi;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>A service host describes the REST routes it serves, and only those, to anyone who asks.</summary>
public sealed class ApiReferenceTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    [Fact]
    public async Task The_document_describes_this_hosts_routes_behind_the_bearer_scheme_and_no_other_services()
    {
        var document = await OpenApiDocuments.Read(factory.Rest(null));

        var getMember = document.Operation("GET", "/api/v1/members/{id}");
        Assert.NotNull(getMember);
        Assert.True(getMember.RequiresBearer());
        Assert.Equal("Reads one member.", getMember["summary"]?.GetValue<string>().Trim());
        Assert.NotNull(document.Operation("POST", "/api/v1/orgUnits/{code}:close"));
        // Served here for this host's own outbox; relief's routes are another host's.
        Assert.NotNull(document.Operation("GET", "/api/v1/admin/outboxes"));
        Assert.Null(document.Operation("POST", "/api/v1/beneficiaries"));
    }

    [Fact]
    public async Task The_reference_page_answers_without_a_token_and_reads_the_document()
    {
        var html = await OpenApiDocuments.ReadPage(factory.Rest(null));

        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.Contains(ApiReference.DocumentPath, html, StringComparison.Ordinal);
    }
}
