namespace RedCross.ServiceDefaults.Security;

/// <summary>This host's own identity for calls to other services (reading their event logs): role
/// <c>service</c>, scope <c>events.read</c>, never a caller's borrowed token. In the embedded deployment the
/// host mints a short-lived token with the deployment's key; with an external authority the client
/// credentials grant will supply it (see the access-control issue).</summary>
public sealed class ServiceIdentity(string serviceName, byte[]? localKey, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim refresh = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? current;

    public string Subject => "service:" + serviceName;

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (current is { } cached && cached.RenewAt > now)
        {
            return cached.Token;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (localKey is null)
            {
                throw new InvalidOperationException("No service credentials: this host validates tokens from an external authority, and the client-credentials grant is not configured.");
            }

            var token = LocalTokens.Mint(localKey, Subject, Roles.Service, string.Empty, Lifetime, [Scopes.EventsRead], now: now.UtcDateTime);
            current = (token, now + Lifetime / 2);
            return token;
        }
        finally
        {
            refresh.Release();
        }
    }
}
