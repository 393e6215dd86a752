using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace RedCross.Testing;

/// <summary>A person's sign-in at the identity, spoken over plain HTTP as a browser or `rc` would (no redirects followed),
/// for tests that need the real flows: authorization code with PKCE, device authorization, refresh.</summary>
public sealed class SignInFlows(HttpClient identity)
{
    public const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>Authorization code with PKCE: the sign-in page, the password posted, the code exchanged. Returns the
    /// token answer, or the page's HTML (and no tokens) when the sign-in was refused.</summary>
    public async Task<(TokenAnswer? Tokens, string? RefusalPage)> AuthorizationCode(string clientId, string redirectUri, string username, string password)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = "openid offline_access",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = "s" + Guid.NewGuid().ToString("N"),
        };
        using var page = await identity.GetAsync("/connect/authorize?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        page.EnsureSuccessStatusCode();
        using var posted = await identity.PostAsync("/connect/authorize", new FormUrlEncodedContent(
            query.Append(KeyValuePair.Create("username", username)).Append(KeyValuePair.Create("password", password))));
        if (posted.StatusCode != HttpStatusCode.Redirect && posted.StatusCode != HttpStatusCode.Found)
        {
            return (null, await posted.Content.ReadAsStringAsync());
        }

        var location = posted.Headers.Location!;
        var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"] ?? throw new InvalidOperationException("No code in " + location);
        var tokens = await Token(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier, ["redirect_uri"] = redirectUri, ["client_id"] = clientId,
        });
        return (tokens, null);
    }

    /// <summary>Device authorization as `rc` asks it.</summary>
    public async Task<DeviceAnswer> StartDevice(string clientId = "rc")
    {
        using var response = await identity.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = clientId, ["scope"] = "openid offline_access" }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DeviceAnswer>())!;
    }

    /// <summary>The person approves on the verification page: user code, username, password. True when accepted.</summary>
    public async Task<bool> ApproveDevice(string userCode, string username, string password)
    {
        using var response = await identity.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = userCode, ["username"] = username, ["password"] = password,
        }));
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location!.ToString().EndsWith("/connect/verified", StringComparison.Ordinal);
    }

    public Task<TokenAnswer> Refresh(string refreshToken, string clientId) =>
        Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId });

    public Task<TokenAnswer> DeviceToken(string deviceCode, string clientId = "rc") =>
        Token(new() { ["grant_type"] = DeviceGrant, ["device_code"] = deviceCode, ["client_id"] = clientId });

    public async Task<TokenAnswer> Token(Dictionary<string, string> form)
    {
        using var response = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (await response.Content.ReadFromJsonAsync<TokenAnswer>())! with { Status = response.StatusCode };
    }
}

/// <summary>The token endpoint's answer, success or error (RFC 6749 §5.1, §5.2).</summary>
public sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error)
{
    [JsonIgnore]
    public HttpStatusCode Status { get; init; }
}

/// <summary>The device authorization answer (RFC 8628 §3.2).</summary>
public sealed record DeviceAnswer(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("interval")] int? Interval);
