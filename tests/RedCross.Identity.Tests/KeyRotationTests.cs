using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>An identity whose key was rotated before this start: it has signed with the first key before.</summary>
public sealed class RotatedIdentityFactory : HostFactory<Program>
{
    public RotatedIdentityFactory() => NewKeyId = IdentityKeys.Rotate(KeysFolder, DateTimeOffset.UtcNow);

    public string NewKeyId { get; }
}

/// <summary>Key rotation as docs/operations.md describes it: a new key signs from the next start, the previous one
/// stays published (and accepted) until the tokens it signed have expired; the issuer is configuration, whatever
/// Host a request names.</summary>
public sealed class KeyRotationTests(RotatedIdentityFactory factory) : IClassFixture<RotatedIdentityFactory>
{
    [Fact]
    public async Task After_rotation_the_new_key_signs_and_a_token_of_the_previous_key_is_still_accepted()
    {
        var created = await factory.Register();
        var (_, body) = await factory.RequestToken(created.Client.ClientId, created.ClientSecret);
        var keys = factory.Tokens.Keys;
        var previous = keys.Keys.Single(k => k.KeyId != factory.NewKeyId);
        var signedBefore = Forgery.Sign(keys.Issuer, IdentityKeys.Audience, new SigningCredentials(previous, SecurityAlgorithms.EcdsaSha256));

        Assert.Equal(factory.NewKeyId, new JsonWebToken(body.AccessToken).Kid);
        Assert.NotNull(await new Members.MembersClient(factory.Channel(signedBefore)).ListMembersAsync(new ListMembersRequest()));
        Assert.NotNull(await new Members.MembersClient(factory.Channel(body.AccessToken)).ListMembersAsync(new ListMembersRequest()));
    }

    [Fact]
    public async Task The_published_keys_are_every_key_of_the_ring_public_halves_only()
    {
        var jwks = (await factory.CreateClient().GetFromJsonAsync<JsonObject>("/.well-known/jwks"))!;

        var published = jwks["keys"]!.AsArray().Select(k => k!.AsObject()).ToList();
        Assert.Equal(factory.Tokens.Keys.Keys.Select(k => k.KeyId).Order(), published.Select(k => (string)k["kid"]!).Order());
        Assert.All(published, k => Assert.Equal(("EC", "P-256", false), ((string)k["kty"]!, (string)k["crv"]!, k.ContainsKey("d"))));
    }

    [Fact]
    public async Task The_issuer_is_the_configured_one_whatever_host_the_request_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";

        var discovery = (await (await factory.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>())!;

        // The endpoints are where this request reached the identity (hosts inside a cluster fetch the keys over its
        // internal name); the issuer every token names is configuration.
        Assert.Equal(factory.Tokens.Keys.Issuer, (string)discovery["issuer"]!);
        Assert.NotEqual("attacker.example", new Uri(factory.Tokens.Keys.Issuer).Host);
    }
}
