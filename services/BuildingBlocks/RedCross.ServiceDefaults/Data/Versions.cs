using System.Globalization;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.ServiceDefaults.Data;

/// <summary>A record read and changed under optimistic concurrency. Its <see cref="Version"/> is a concurrency token
/// and moves by one whenever a change to it is saved (both by ModuleDbContext's convention), so no handler or domain
/// method counts versions; its etag is the version.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>The etag of a versioned record and the one stale-etag check; ETAG_MISMATCH is its reason, whether the check
/// or the database's concurrency token finds the change.</summary>
public static class ETag
{
    public const string Mismatch = "ETAG_MISMATCH";

    public const string MismatchMessage = "The resource changed since it was read; read it again.";

    public static string Of(IVersioned record) => record.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Refuses a change to <paramref name="record"/> when the caller sent an etag (none or empty skips the
    /// check) that is not the record's current one.</summary>
    public static void EnsureMatches(string? etag, IVersioned record)
    {
        if (!string.IsNullOrEmpty(etag) && etag != Of(record))
        {
            throw new RuleViolationException(Mismatch, MismatchMessage);
        }
    }
}
