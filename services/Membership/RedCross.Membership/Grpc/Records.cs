namespace RedCross.Membership.Grpc;

/// <summary>Bounds the activity services share.</summary>
internal static class Records
{
    /// <summary>Largest amount of money accepted on any record, whole VND.</summary>
    public const long MaxVnd = 1_000_000_000_000;
}
