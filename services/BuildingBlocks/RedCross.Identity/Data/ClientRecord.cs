namespace RedCross.Identity.Data;

/// <summary>What the platform knows of an OAuth client beyond what OpenIddict keeps (its id and hashed
/// secret): the claims its tokens carry, who registered it, and whether it was revoked. Kept after
/// revocation, so a name is never reused for another party and the list shows the history.</summary>
internal sealed class ClientRecord
{
    public required string Name { get; init; }

    public required string ClientId { get; init; }

    public required string Role { get; init; }

    /// <summary>The `org` claim: "/" for the whole tree, else the unit's path without outer slashes.</summary>
    public required string OrgPath { get; init; }

    /// <summary>Space-separated, as in the token's `scope` claim.</summary>
    public required string Scopes { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
