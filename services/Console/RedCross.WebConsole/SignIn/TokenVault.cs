using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RedCross.WebConsole.SignIn;

/// <summary>People's tokens, held by the console and never sent to a browser: a session id (in the cookie) names an
/// access token and the refresh token that renews it. Refresh tokens are good once, so renewals of one session take
/// turns. Kept in memory: a restart signs everyone out, and what they were typing stays in their page
/// (docs/decisions.md).</summary>
internal sealed class TokenVault(IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider time)
{
    /// <summary>Renew this long before the access token expires, so a call never carries one about to lapse.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    /// <summary>A session unused this long is forgotten (the identity's refresh tokens last as long).</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromDays(14);

    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);

    public string Open(OpenIdConnectMessage tokens)
    {
        Forget(time.GetUtcNow() - Idle);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var session = new Session();
        session.Take(tokens.AccessToken, tokens.RefreshToken, ExpiresAt(tokens.ExpiresIn), time.GetUtcNow());
        sessions[id] = session;
        return id;
    }

    public bool Has(string? id) => id is not null && sessions.ContainsKey(id);

    public void Close(string? id)
    {
        if (id is not null)
        {
            sessions.TryRemove(id, out _);
        }
    }

    /// <summary>The session's access token, renewed first when it is about to expire.</summary>
    /// <exception cref="SessionExpiredException">The session is unknown or the identity refused to renew it.</exception>
    public async Task<string> AccessTokenAsync(string? id, CancellationToken ct)
    {
        if (id is null || !sessions.TryGetValue(id, out var session))
        {
            throw new SessionExpiredException();
        }

        session.LastUsed = time.GetUtcNow();
        if (session.ExpiresAt - time.GetUtcNow() > Margin)
        {
            return session.AccessToken;
        }

        await session.Turn.WaitAsync(ct);
        try
        {
            if (session.ExpiresAt - time.GetUtcNow() <= Margin && !await RenewAsync(session, ct))
            {
                sessions.TryRemove(id, out _);
                throw new SessionExpiredException();
            }

            return session.AccessToken;
        }
        finally
        {
            session.Turn.Release();
        }
    }

    private async Task<bool> RenewAsync(Session session, CancellationToken ct)
    {
        if (session.RefreshToken is not { Length: > 0 } refresh)
        {
            return false;
        }

        var options = oidc.Get(ConsoleAuthentication.OidcScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["client_id"] = ConsoleSetup.ClientId,
        }), ct);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        session.Take(
            body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var next) ? next.GetString() : refresh,
            ExpiresAt(body.TryGetProperty("expires_in", out var seconds) ? seconds.GetRawText() : null),
            time.GetUtcNow());
        return true;
    }

    private DateTimeOffset ExpiresAt(string? expiresIn) =>
        time.GetUtcNow().AddSeconds(int.TryParse(expiresIn, out var seconds) ? seconds : 300);

    private void Forget(DateTimeOffset unusedSince)
    {
        foreach (var (id, session) in sessions)
        {
            if (session.LastUsed < unusedSince)
            {
                sessions.TryRemove(id, out _);
            }
        }
    }

    private sealed class Session
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public string AccessToken { get; private set; } = string.Empty;

        public string? RefreshToken { get; private set; }

        public DateTimeOffset ExpiresAt { get; private set; }

        public DateTimeOffset LastUsed { get; set; }

        public void Take(string access, string? refresh, DateTimeOffset expiresAt, DateTimeOffset now)
        {
            AccessToken = access;
            RefreshToken = refresh;
            ExpiresAt = expiresAt;
            LastUsed = now;
        }
    }
}

/// <summary>The person's session is gone (a restart, a revoked refresh token): they sign in again.</summary>
internal sealed class SessionExpiredException : Exception
{
    public SessionExpiredException()
        : base("The session expired; sign in again.")
    {
    }
}
