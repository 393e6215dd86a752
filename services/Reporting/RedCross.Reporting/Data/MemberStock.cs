using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>How many of a unit's members became active (+) or stopped being active there (-) in a month. The sum of a
/// unit's deltas up to a month is its active members at that month's end, so a period-end count reads units × months
/// rows, however many members and events there are.</summary>
internal sealed class MemberStockDelta
{
    public string OrgUnitCode { get; set; } = string.Empty;

    /// <summary>"yyyy-MM".</summary>
    public string Month { get; set; } = string.Empty;

    public long Value { get; set; }
}

/// <summary>Active members at a period's end, kept as monthly deltas derived from the member timeline. A timeline point
/// inserted between two others changes only its own month (the member leaves the previous point's state and enters its
/// own) and the next point's month (which now leaves this point's state instead of the previous one's), so the deltas
/// agree with the timeline whatever order the events arrive in.</summary>
internal static class MemberStock
{
    public const string Active = "active";

    internal const string PreviousSql =
        "SELECT Status, OrgUnitCode FROM member_timeline WHERE MemberId = $p0 AND (EffectiveDate < $p1 OR (EffectiveDate = $p1 AND RecordedAtTicks < $p2)) " +
        "ORDER BY EffectiveDate DESC, RecordedAtTicks DESC LIMIT 1";

    internal const string NextSql =
        "SELECT Status, OrgUnitCode, EffectiveDate FROM member_timeline WHERE MemberId = $p0 AND (EffectiveDate > $p1 OR (EffectiveDate = $p1 AND RecordedAtTicks > $p2)) " +
        "ORDER BY EffectiveDate, RecordedAtTicks LIMIT 1";

    internal const string DeltaSql =
        "INSERT INTO member_stock_deltas (OrgUnitCode, Month, Value) VALUES ($p0, $p1, $p2) " +
        "ON CONFLICT (OrgUnitCode, Month) DO UPDATE SET Value = Value + excluded.Value";

    /// <summary>The deltas of a whole timeline at once, into an empty table: each point enters its own state and leaves
    /// the previous one's. Used by the migration that introduced the deltas (and by the benchmark that fills a database
    /// by SQL); a test checks it agrees with the deltas kept event by event.</summary>
    public const string FromTimelineSql = """
        INSERT INTO member_stock_deltas (OrgUnitCode, Month, Value)
        SELECT OrgUnitCode, Month, SUM(Value) FROM (
            SELECT OrgUnitCode, substr(EffectiveDate, 1, 7) AS Month, 1 AS Value FROM member_timeline WHERE Status = 'active'
            UNION ALL
            SELECT PreviousUnit, Month, -1 FROM (
                SELECT substr(EffectiveDate, 1, 7) AS Month,
                       LAG(Status) OVER member AS PreviousStatus, LAG(OrgUnitCode) OVER member AS PreviousUnit
                FROM member_timeline WINDOW member AS (PARTITION BY MemberId ORDER BY EffectiveDate, RecordedAtTicks))
            WHERE PreviousStatus = 'active')
        GROUP BY OrgUnitCode, Month;
        """;

    public static ModelBuilder AddMemberStock(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MemberStockDelta>(e =>
        {
            e.ToTable("member_stock_deltas");
            e.HasKey(x => new { x.OrgUnitCode, x.Month });
        });
        return modelBuilder;
    }

    public static string MonthOf(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Members whose latest timeline point on or before <paramref name="asOf"/> (a month's last day) is active
    /// in one of the units.</summary>
    public static async Task<long> CountActiveAsync(ReportingDb db, List<string> codes, DateOnly asOf, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(SUM(Value), 0) FROM member_stock_deltas WHERE Month <= $month AND OrgUnitCode IN (SELECT value FROM json_each($codes))";
            command.Parameters.AddWithValue("$month", MonthOf(asOf));
            command.Parameters.AddWithValue("$codes", JsonSerializer.Serialize(codes));
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
