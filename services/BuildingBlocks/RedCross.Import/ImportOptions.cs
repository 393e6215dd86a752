using System.Text;

namespace RedCross.Import;

/// <summary>How a file is read: its columns, the limits that keep one file from exhausting a service,
/// and an encoding that overrides detection.</summary>
public sealed record ImportOptions
{
    /// <summary>The default for <see cref="MaxRows"/>: a province's whole membership fits.</summary>
    public const int DefaultMaxRows = 200_000;

    /// <summary>The default for <see cref="MaxBytes"/> (64 MiB).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>The columns read; other columns of the file are ignored.</summary>
    public required IReadOnlyList<ImportColumn> Columns { get; init; }

    /// <summary>Data rows (the header not counted) above which the file is refused.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Size in bytes above which the file is refused before it is read.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The file's encoding, or null to detect it (see <see cref="ImportEncodings.Detect"/>).</summary>
    public Encoding? Encoding { get; init; }
}
