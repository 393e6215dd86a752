using System.Net.Http.Json;
using System.Text.Json.Serialization;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;

namespace RedCross.Identity.Tests;

/// <summary>The monolith in-process (the identity embedded beside the modules whose APIs its tokens open) on a fresh
/// data folder.</summary>
public sealed class IdentityFactory : HostFactory<Program>
{
    public Clients.ClientsClient Clients(string? token) => new(Channel(token));

    public Members.MembersClient Members(string? token) => new(Channel(token));
}

/// <summary>What the identity tests ask of any monolith in-process.</summary>
public static class IdentityCalls
{
    /// <summary>Registers a client as the province admin, under a unique name.</summary>
    public static async Task<CreateClientResponse> Register(this HostFactory<Program> factory, string role = Roles.Partner, string orgPath = "06/058", params string[] scopes) =>
        await new Clients.ClientsClient(factory.Channel(factory.Tokens.ProvinceAdmin)).CreateClientAsync(new CreateClientRequest
        {
            Name = "client-" + Guid.NewGuid().ToString("N")[..12],
            Role = role,
            OrgPath = orgPath,
            Scopes = { scopes.Length == 0 ? [Scopes.MembershipRead] : scopes },
        });

    /// <summary>POST /connect/token with the credentials in the form (client_secret_post).</summary>
    public static async Task<(HttpResponseMessage Response, TokenResponse Body)> RequestToken(this HostFactory<Program> factory, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await factory.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response, (await response.Content.ReadFromJsonAsync<TokenResponse>())!);
    }
}

/// <summary>The token endpoint's JSON answer, success or error (RFC 6749 §5.1, §5.2).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error);
