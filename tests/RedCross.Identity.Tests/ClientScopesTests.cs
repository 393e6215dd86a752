using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using RedCross.ServiceDefaults.Security;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>The scopes a client may be registered with and given are exactly those the permission table uses, so a
/// grant of the table is never out of a client's reach (relief.read and relief.write once were).</summary>
public sealed class ClientScopesTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private static readonly IReadOnlySet<string> TableScopes = Permissions.Table.Select(r => r.Scope).OfType<string>().ToHashSet();

    public static TheoryData<string> ScopesOfTheTable() => [.. TableScopes.Order(StringComparer.Ordinal)];

    [Fact]
    public void The_known_scopes_are_the_scopes_of_the_permission_table() =>
        Assert.Equal(TableScopes.Order(StringComparer.Ordinal), ClientRules.KnownScopes.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ScopesOfTheTable))]
    public async Task A_client_is_registered_with_each_scope_of_the_table_and_gets_a_token_carrying_it(string scope)
    {
        var role = Permissions.Table.First(r => r.Scope == scope).Role;
        var created = await factory.Register(role, "06/058", scope);

        var (response, body) = await factory.RequestToken(created.Client.ClientId, created.ClientSecret, scope);

        Assert.True(HttpStatusCode.OK == response.StatusCode, $"{scope}: {response.StatusCode} {body.Error}");
        Assert.Equal(scope, new JsonWebToken(body.AccessToken).GetClaim(CallerClaims.Scope).Value);
    }
}
