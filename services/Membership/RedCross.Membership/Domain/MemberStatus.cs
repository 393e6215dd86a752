namespace RedCross.Membership.Domain;

/// <summary>A member's standing.</summary>
internal enum MemberStatus
{
    Active,
    Lapsed,
    Transferred,
    Left,
    Deceased,
}

/// <summary>Which status changes are allowed. Deceased is final; anyone not deceased may rejoin.</summary>
internal static class MemberStatusRules
{
    public static readonly IReadOnlyDictionary<string, MemberStatus> ByName =
        Enum.GetValues<MemberStatus>().ToDictionary(s => s.ToString().ToLowerInvariant());

    public static string Name(MemberStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Null when allowed, otherwise the stable reason it is refused.</summary>
    public static string? Refusal(MemberStatus from, MemberStatus to) => (from, to) switch
    {
        _ when from == to => "STATUS_UNCHANGED",
        (MemberStatus.Deceased, _) => "MEMBER_DECEASED",
        _ => null,
    };
}
