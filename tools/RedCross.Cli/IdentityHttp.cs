using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace RedCross.Cli;

/// <summary>`rc`'s own OAuth calls to the identity (its public client `rc`): device authorization (RFC 8628) to sign a
/// person in, and the refresh-token grant to keep them signed in. Plain form posts; the answers are RFC 6749's JSON.</summary>
internal sealed class IdentityHttp(Uri identity) : IDisposable
{
    public const string ClientId = "rc";
    private readonly HttpClient http = new() { BaseAddress = identity, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<DeviceAuthorization> StartDeviceAsync(CancellationToken ct)
    {
        using var response = await http.PostAsync("/connect/device", Form(("client_id", ClientId), ("scope", "openid offline_access")), ct);
        var answer = response.Content.Headers.ContentType?.MediaType == "application/json" ? await response.Content.ReadFromJsonAsync<DeviceAuthorization>(ct) : null;
        return response.IsSuccessStatusCode && answer?.DeviceCode is { Length: > 0 }
            ? answer
            : throw new UsageException($"No sign-in at {identity} ({(int)response.StatusCode}): give the identity's HTTP address with --identity.");
    }

    public Task<TokenAnswer> PollDeviceAsync(string deviceCode, CancellationToken ct) =>
        TokenAsync(Form(("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode), ("client_id", ClientId)), ct);

    public Task<TokenAnswer> RefreshAsync(string refreshToken, CancellationToken ct) =>
        TokenAsync(Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", ClientId)), ct);

    public void Dispose() => http.Dispose();

    private async Task<TokenAnswer> TokenAsync(FormUrlEncodedContent form, CancellationToken ct)
    {
        using var response = await http.PostAsync("/connect/token", form, ct);
        return response.Content.Headers.ContentType?.MediaType == "application/json"
            ? await response.Content.ReadFromJsonAsync<TokenAnswer>(ct) ?? new TokenAnswer(null, null, null, "invalid_response", null)
            : new TokenAnswer(null, null, null, "invalid_response", $"{(int)response.StatusCode} from {identity}");
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));
}

internal sealed record DeviceAuthorization(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int? Interval);

internal sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
