using System.Net.Http.Json;
using System.Text.Json.Serialization;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;

namespace RedCross.Identity.Tests;

/// <summary>The membership host in-process (it maps the embedded token endpoint) on a fresh data folder.</summary>
public sealed class IdentityFactory : HostFactory<Program>
{
    public Clients.ClientsClient Clients(string? token) => new(Channel(token));

    public Members.MembersClient Members(string? token) => new(Channel(token));

    /// <summary>Registers a client as the province admin, under a unique name.</summary>
    public async Task<CreateClientResponse> Register(string role = Roles.Partner, string orgPath = "06/058", params string[] scopes) =>
        await Clients(Tokens.ProvinceAdmin).CreateClientAsync(new CreateClientRequest
        {
            Name = "client-" + Guid.NewGuid().ToString("N")[..12],
            Role = role,
            OrgPath = orgPath,
            Scopes = { scopes.Length == 0 ? [Scopes.MembershipRead] : scopes },
        });

    /// <summary>POST /connect/token with the credentials in the form (client_secret_post).</summary>
    public async Task<(HttpResponseMessage Response, TokenResponse Body)> RequestToken(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response, (await response.Content.ReadFromJsonAsync<TokenResponse>())!);
    }
}

/// <summary>The token endpoint's JSON answer, success or error (RFC 6749 §5.1, §5.2).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error);
