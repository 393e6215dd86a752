namespace RedCross.Membership.Domain;

/// <summary>One read or change of a person's record (Decree 13/2023/NĐ-CP): who, when, through which call, which
/// member and which fields. Append-only: the table refuses updates and deletes (triggers), and it holds no
/// personal data itself, so anonymising a member leaves the trail as it was.</summary>
internal sealed class AuditEntry
{
    public const string Read = "read";
    public const string Change = "change";

    /// <summary>Position in the trail (SQLite rowid): the order entries were written in.</summary>
    public long Position { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The caller's `sub` claim.</summary>
    public string Subject { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>The full gRPC method name, for example /redcross.membership.v1.Members/GetMember.</summary>
    public string Method { get; set; } = string.Empty;

    public Guid MemberId { get; set; }

    /// <summary>Path of the member's unit at the time, so the trail can be filtered to a subtree.</summary>
    public string OrgUnitPath { get; set; } = string.Empty;

    /// <summary><see cref="Read"/> or <see cref="Change"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Field names as the API spells them, comma-separated; a masked field read is prefixed "masked:".</summary>
    public string Fields { get; set; } = string.Empty;
}
