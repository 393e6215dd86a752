using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RedCross.ServiceDefaults.Security;

/// <summary>The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) against the external authority, as one
/// plain request: the token endpoint comes from the discovery document the JWT handler already fetches for
/// `Auth:Authority`, and the id and secret go in HTTP Basic (§2.3.1), which every authority must accept.</summary>
internal sealed class ClientCredentialsGrant(HttpClient http, string? clientId, string? clientSecret, Func<CancellationToken, Task<string>> tokenEndpoint)
{
    public const string HttpClientName = "service-identity";

    public static ClientCredentialsGrant Create(IServiceProvider services, IConfiguration config) => new(
        services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
        config["Auth:ClientId"],
        config["Auth:ClientSecret"],
        async ct =>
        {
            var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
            var discovery = await jwt.ConfigurationManager!.GetConfigurationAsync(ct);
            return discovery.TokenEndpoint is { Length: > 0 } endpoint
                ? endpoint
                : throw new InvalidOperationException($"The authority {jwt.Authority} publishes no token endpoint.");
        });

    /// <summary>A token with <paramref name="scopes"/> (space-separated in the request, RFC 6749 §3.3).</summary>
    public async Task<(string Token, TimeSpan Lifetime)> RequestAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            throw new InvalidOperationException("No service credentials: this host validates tokens from Auth:Authority, so it needs Auth:ClientId and Auth:ClientSecret.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, await tokenEndpoint(cancellationToken))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", string.Join(' ', scopes))]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret))));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (!response.IsSuccessStatusCode || body?.AccessToken is not { Length: > 0 } token)
        {
            throw new InvalidOperationException($"The authority refused the client-credentials grant: {(int)response.StatusCode} {body?.Error} {body?.ErrorDescription}");
        }

        return (token, TimeSpan.FromSeconds(body.ExpiresIn is { } seconds and > 0 ? seconds : 60));
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
