namespace RedCross.ServiceDefaults.Security;

/// <summary>This host's own identity for calls to other services (reading their event logs): role
/// <c>service</c>, scope <c>events.read</c> plus the scopes its modules asked for with
/// <see cref="ServiceIdentityScopes.AddServiceIdentityScope"/> (campaign: <c>relief.read</c>), never a caller's borrowed
/// token. In the embedded deployment the
/// host signs a short-lived token with the identity's key in its data folder (it is the identity's own process, or on
/// its machine); with an external authority (`Auth:Authority`)
/// it obtains one by the client-credentials grant with `Auth:ClientId` / `Auth:ClientSecret`.</summary>
public sealed class ServiceIdentity
{
    private static readonly TimeSpan LocalLifetime = TimeSpan.FromMinutes(10);
    private readonly Func<DateTimeOffset, CancellationToken, Task<(string Token, TimeSpan Lifetime)>> obtain;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim refresh = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? current;

    private ServiceIdentity(string subject, Func<DateTimeOffset, CancellationToken, Task<(string, TimeSpan)>> obtain, TimeProvider time)
    {
        Subject = subject;
        this.obtain = obtain;
        this.time = time;
    }

    public string Subject { get; }

    /// <summary>The scopes this identity's tokens carry: events.read and what this host's modules asked for.</summary>
    public IReadOnlyList<string> Scopes { get; private init; } = [Security.Scopes.EventsRead];

    internal static ServiceIdentity Local(string serviceName, IdentityKeys keys, TimeProvider time, IEnumerable<string>? extraScopes = null)
    {
        var subject = "service:" + serviceName;
        IReadOnlyList<string> scopes = ScopesWith(extraScopes);
        return new ServiceIdentity(subject, (now, _) => Task.FromResult(
            (keys.Mint(subject, Roles.Service, string.Empty, LocalLifetime, [.. scopes], now: now.UtcDateTime), LocalLifetime)), time)
        { Scopes = scopes };
    }

    /// <summary>The authority decides the subject (the client id); this name only labels the host. The grant asks for
    /// <see cref="Scopes"/>: the client must hold them all.</summary>
    internal static ServiceIdentity FromAuthority(string serviceName, ClientCredentialsGrant grant, TimeProvider time, IEnumerable<string>? extraScopes = null)
    {
        IReadOnlyList<string> scopes = ScopesWith(extraScopes);
        return new("service:" + serviceName, (_, ct) => grant.RequestAsync(scopes, ct), time) { Scopes = scopes };
    }

    private static string[] ScopesWith(IEnumerable<string>? extra) =>
        [.. new[] { Security.Scopes.EventsRead }.Concat(extra ?? []).Distinct(StringComparer.Ordinal)];

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (Fresh() is { } renewed)
            {
                return renewed;
            }

            var now = time.GetUtcNow();
            var (issued, lifetime) = await obtain(now, cancellationToken);
            // Renewed at half its life, so a call never leaves with a token about to expire.
            current = (issued, now + lifetime / 2);
            return issued;
        }
        finally
        {
            refresh.Release();
        }
    }

    private string? Fresh() => current is { } cached && cached.RenewAt > time.GetUtcNow() ? cached.Token : null;
}
