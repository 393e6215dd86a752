namespace RedCross.Identity.Data;

/// <summary>A person's account: one role in one unit's subtree, as the permission table reads them. Disabled, never
/// deleted, so a name is never reused and the sign-in trail keeps naming someone.</summary>
internal sealed class Account
{
    public required string Username { get; init; }

    /// <summary>The `sub` of the person's tokens: stable, never shown as a name.</summary>
    public required string Subject { get; init; }

    public required string DisplayName { get; set; }

    public required string Role { get; init; }

    /// <summary>The `org` claim: "/" for the whole tree, else the unit's path without outer slashes.</summary>
    public required string OrgPath { get; init; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash (salted, versioned).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Wrong passwords since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>One sign-in attempt, kept for good (append-only): who, when, how, and whether it passed and why not.</summary>
internal sealed class SignInRecord
{
    public long Id { get; init; }

    public required string Username { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>"password" (a sign-in page), "refresh" (a refresh token used), "setup" (the first admin).</summary>
    public required string Method { get; init; }

    /// <summary>"ok", or why not: "wrong_password", "locked_out", "disabled", "unknown_account".</summary>
    public required string Outcome { get; init; }

    public string? ClientId { get; init; }
}
