using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>A membership host told how an external authority (a ministry's Keycloak) names role and unit.</summary>
public sealed class KeycloakShapedFactory : HostFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:Claims:Role", "groups");
        builder.UseSetting("Auth:Claims:Org", "unit_path");
        builder.UseSetting("Auth:Claims:Name", "preferred_username");
        builder.UseSetting("Auth:Roles:can-bo-huyen", "district_officer");
    }
}

/// <summary>External OIDC keeps working by configuration: the authority's claims are mapped to role and unit, and the
/// permission table and subtree apply to the mapped values as to the platform's own.</summary>
public sealed class ExternalClaimsTests(KeycloakShapedFactory factory) : IClassFixture<KeycloakShapedFactory>
{
    [Fact]
    public async Task An_authority_s_role_and_unit_claims_are_mapped_and_held_to_the_district()
    {
        var token = factory.Tokens.WithClaims(new() { ["sub"] = "kc-uuid-1", ["preferred_username"] = "hoa.nt", ["groups"] = "can-bo-huyen", ["unit_path"] = "06/058" });
        var members = new Members.MembersClient(factory.Channel(token));

        Assert.NotNull(await members.ListMembersAsync(new ListMembersRequest { OrgUnit = "058" }));
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => members.ListMembersAsync(new ListMembersRequest { OrgUnit = "060" }).ResponseAsync));
    }

    [Fact]
    public async Task A_role_the_mapping_does_not_know_gets_nothing()
    {
        var token = factory.Tokens.WithClaims(new() { ["sub"] = "kc-uuid-2", ["groups"] = "ke-toan", ["unit_path"] = "06/058" });

        Assert.Equal("NOT_PERMITTED", await RpcAssert.Reason(StatusCode.PermissionDenied, () => new Members.MembersClient(factory.Channel(token)).ListMembersAsync(new ListMembersRequest { OrgUnit = "058" }).ResponseAsync));
    }
}
