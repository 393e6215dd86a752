using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>One point of a humanitarian address's timeline: from EffectiveDate the address is open with review due on
/// DueOn, or closed (DueOn null). The latest point on or before a day says both whether the address was active then
/// and whether its review was overdue, whatever order the events arrived in.</summary>
internal sealed class AddressTimelinePoint
{
    public Guid EventId { get; set; }

    public Guid AddressId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public DateOnly EffectiveDate { get; set; }

    public long RecordedAtTicks { get; set; }

    public DateOnly? DueOn { get; set; }
}

/// <summary>The address timeline's table and the period-end counts read from it.</summary>
internal static class AddressTimeline
{
    public static ModelBuilder AddAddressTimeline(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AddressTimelinePoint>(e =>
        {
            e.ToTable("address_timeline");
            e.HasKey(x => x.EventId);
            e.HasIndex(x => new { x.AddressId, x.EffectiveDate, x.RecordedAtTicks });
        });
        return modelBuilder;
    }

    /// <summary>Addresses in the units whose latest point on or before <paramref name="asOf"/> is open (active), and
    /// of those the ones whose due date is before <paramref name="asOf"/> (overdue): the same rule as relief's
    /// ListOverdueAddresses on that day.</summary>
    public static async Task<(long Active, long Overdue)> CountAsync(ReportingDb db, List<string> codes, DateOnly asOf, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN DueOn < $asOf THEN 1 ELSE 0 END), 0) FROM (
                    SELECT DueOn, OrgUnitCode,
                           ROW_NUMBER() OVER (PARTITION BY AddressId ORDER BY EffectiveDate DESC, RecordedAtTicks DESC) AS rn
                    FROM address_timeline WHERE EffectiveDate <= $asOf)
                WHERE rn = 1 AND DueOn IS NOT NULL AND OrgUnitCode IN (SELECT value FROM json_each($codes))
                """;
            command.Parameters.AddWithValue("$asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$codes", JsonSerializer.Serialize(codes));
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
