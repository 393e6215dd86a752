using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>/connect/token: the client-credentials grant issues ES256 JWTs signed by the identity's own key, which
/// the hosts accept, with the platform's claims, and nothing to an unknown, revoked or wrongly authenticated client.</summary>
public sealed class TokenEndpointTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_registered_partner_gets_a_short_lived_token_with_the_platform_claims_signed_with_the_identity_s_key()
    {
        var created = await factory.Register(Roles.Partner, "06/058", Scopes.MembershipRead, Scopes.MembershipWrite);

        var (response, body) = await factory.RequestToken(created.Client.ClientId, created.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.TokenType);
        Assert.InRange(body.ExpiresIn!.Value, 1, 900); // counted from the moment of the answer; the token says 15 min exactly
        var keys = factory.Tokens.Keys;
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(body.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = keys.Issuer,
            ValidAudience = IdentityKeys.Audience,
            IssuerSigningKeys = keys.Keys,
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        Assert.Equal(SecurityAlgorithms.EcdsaSha256, jwt.Alg);
        Assert.Equal(keys.Keys[0].KeyId, jwt.Kid);
        Assert.Equal(created.Client.ClientId, jwt.Subject);
        Assert.Equal(Roles.Partner, jwt.GetClaim(CallerClaims.Role).Value);
        Assert.Equal("06/058", jwt.GetClaim(CallerClaims.Org).Value);
        Assert.Equal(["membership.read", "membership.write"], jwt.GetClaim(CallerClaims.Scope).Value.Split(' ').Order());
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task The_token_is_accepted_by_the_host_within_its_scope_and_subtree_only()
    {
        var created = await factory.Register(Roles.Partner, "06/058", Scopes.MembershipRead);
        var (_, body) = await factory.RequestToken(created.Client.ClientId, created.ClientSecret, Scopes.MembershipRead);
        var members = factory.Members(body.AccessToken);

        await members.ListMembersAsync(new ListMembersRequest { OrgUnit = "01834" });
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => members.ListMembersAsync(new ListMembersRequest { OrgUnit = "060" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => members.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Đối Tác Ghi",
            BirthDate = "1985-04-12",
            Sex = "female",
            OrgUnit = "01834",
            JoinedDate = "2013-03-01",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Credentials_in_http_basic_work_as_well()
    {
        var created = await factory.Register(Roles.Service, "06", Scopes.EventsRead);
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(created.Client.ClientId + ":" + created.ClientSecret)));

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_client_and_a_revoked_client_get_no_token()
    {
        var created = await factory.Register();
        var revoked = await factory.Register();
        await factory.Clients(factory.Tokens.ProvinceAdmin).RevokeClientAsync(new RevokeClientRequest { Name = revoked.Client.Name });

        await AssertRefused(created.Client.ClientId, created.ClientSecret + "x");
        await AssertRefused(Guid.CreateVersion7().ToString(), created.ClientSecret);
        await AssertRefused(revoked.Client.ClientId, revoked.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, (await factory.RequestToken(created.Client.ClientId, created.ClientSecret)).Response.StatusCode);
    }

    [Fact]
    public async Task A_scope_the_client_does_not_hold_is_refused()
    {
        var created = await factory.Register(Roles.Partner, "06", Scopes.MembershipRead);

        var (response, body) = await factory.RequestToken(created.Client.ClientId, created.ClientSecret, Scopes.MembershipWrite);

        // OpenIddict answers a scope the client may not use with invalid_request (a scope no client may
        // use at all gets invalid_scope); either way, a 400 and no token.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.Error);
        Assert.Null(body.AccessToken);
    }

    private async Task AssertRefused(string clientId, string secret)
    {
        var (response, body) = await factory.RequestToken(clientId, secret);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.Equal("invalid_client", body.Error);
        Assert.Null(body.AccessToken);
    }
}
