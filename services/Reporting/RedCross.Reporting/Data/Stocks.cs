using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Data;

/// <summary>How much a unit's stock (active members, open humanitarian addresses, overdue ones) rose (+) or fell (-)
/// in a month ("yyyy-MM"; the age parts of the member stocks in a year, "yyyy": <see cref="MemberStocks"/>). The sum of a unit's deltas up to a month is the stock at that month's end, so a period-end count reads
/// units × months rows, however many members, addresses and events there are.</summary>
internal sealed class StockDelta
{
    public string Code { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;

    /// <summary>"yyyy-MM".</summary>
    public string Month { get; set; } = string.Empty;

    public long Value { get; set; }
}

/// <summary>One point of a member's or an address's timeline, as the stocks see it: from <paramref name="Day"/> the
/// member has <paramref name="Status"/> in <paramref name="Unit"/>; or the address is open with review due on
/// <paramref name="DueOn"/> (closed when null).</summary>
internal readonly record struct StockPoint(string Unit, DateOnly Day, string? Status = null, DateOnly? DueOn = null);

/// <summary>A stock rising (+1) or falling (-1) in a unit on a day.</summary>
internal readonly record struct StockChange(string Code, string Unit, DateOnly Day, int Value);

/// <summary>The stocks at period ends, kept as monthly deltas beside the timelines they come from. A point counts from its
/// day until the next point's; inserting a point between two others replaces the previous point's span with two
/// shorter ones, so only the months at its own day and at the next point's day change, whatever order events arrive in.
/// Timeline order is by day, then recording time, then event id, so two points recorded together still have one order.
/// Periods end on months' last days, so a month's deltas are all in or all out.</summary>
internal static class Stocks
{
    public const string MemberActive = "active";

    /// <summary>The deltas of inserting <paramref name="point"/> after <paramref name="previous"/> and before a point on
    /// <paramref name="nextDay"/>, for one kind of timeline's <paramref name="spans"/>.</summary>
    public static IEnumerable<(string Code, string Unit, string Month, int Value)> Inserted(
        StockPoint? previous, StockPoint point, DateOnly? nextDay, Func<StockPoint, DateOnly?, IEnumerable<StockChange>> spans)
    {
        // The previous point no longer spans up to the next one: it stops at this point, which spans the rest.
        var changes = previous is { } p
            ? spans(p, nextDay).Select(c => c with { Value = -c.Value }).Concat(spans(p, point.Day)).Concat(spans(point, nextDay))
            : spans(point, nextDay);
        return ByMonth(changes);
    }

    /// <summary>Changes summed per stock, unit and month; months where they cancel out are left out.</summary>
    public static IEnumerable<(string Code, string Unit, string Month, int Value)> ByMonth(IEnumerable<StockChange> changes) =>
        changes.GroupBy(c => (c.Code, c.Unit, Month: MemberStocks.ByYear(c.Code) ? c.Day.Year.ToString(CultureInfo.InvariantCulture) : Month(c.Day)))
            .Select(g => (g.Key.Code, g.Key.Unit, g.Key.Month, Value: g.Sum(c => c.Value)))
            .Where(d => d.Value != 0);

    /// <summary>An address point's span: open while it has a due date, and overdue from the day after that date.</summary>
    public static IEnumerable<StockChange> AddressSpan(StockPoint point, DateOnly? until)
    {
        if (point.DueOn is not { } due)
        {
            return [];
        }

        var overdueFrom = due.AddDays(1) > point.Day ? due.AddDays(1) : point.Day;
        return Span(Indicators.ReliefAddressesActive, point.Unit, point.Day, until).Concat(Span(Indicators.ReliefAddressesOverdue, point.Unit, overdueFrom, until));
    }

    /// <summary>A stock counting one from <paramref name="from"/> until <paramref name="until"/> (on for good when
    /// null); nothing when the span is empty.</summary>
    public static IEnumerable<StockChange> Span(string code, string unit, DateOnly from, DateOnly? until)
    {
        if (until is { } end && end <= from)
        {
            yield break;
        }

        yield return new StockChange(code, unit, from, 1);
        if (until is { } stop)
        {
            yield return new StockChange(code, unit, stop, -1);
        }
    }

    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    internal const string DeltaSql =
        "INSERT INTO stock_deltas (Code, OrgUnitCode, Month, Value) VALUES ($p0, $p1, $p2, $p3) " +
        "ON CONFLICT (Code, OrgUnitCode, Month) DO UPDATE SET Value = Value + excluded.Value";

    /// <summary>The deltas of whole timelines at once, into an empty table, by the same spans. Used by the migration that
    /// introduced them (and by the benchmark that fills a database by SQL); a test checks they agree with the deltas
    /// kept event by event.</summary>
    public static readonly string FromTimelinesSql = $"""
        INSERT INTO stock_deltas (Code, OrgUnitCode, Month, Value)
        WITH m AS (
            SELECT MemberId, OrgUnitCode, EffectiveDate AS Day, Status,
                   LEAD(EffectiveDate) OVER (PARTITION BY MemberId ORDER BY EffectiveDate, RecordedAtTicks, EventId) AS NextDay
            FROM member_timeline),
        a AS (
            SELECT OrgUnitCode, EffectiveDate AS Day, DueOn, max(EffectiveDate, date(DueOn, '+1 day')) AS OverdueFrom,
                   LEAD(EffectiveDate) OVER (PARTITION BY AddressId ORDER BY EffectiveDate, RecordedAtTicks, EventId) AS NextDay
            FROM address_timeline),
        {MemberStocks.SpansSql},
        spans (Code, OrgUnitCode, FromDay, NextDay, KeyLength) AS (
            SELECT Code, OrgUnitCode, FromDay, NextDay, KeyLength FROM member_spans
            UNION ALL SELECT 'relief.addresses.active', OrgUnitCode, Day, NextDay, 7 FROM a WHERE DueOn IS NOT NULL
            UNION ALL SELECT 'relief.addresses.review_overdue', OrgUnitCode, OverdueFrom, NextDay, 7 FROM a WHERE DueOn IS NOT NULL)
        SELECT Code, OrgUnitCode, Month, SUM(Value) FROM (
            SELECT Code, OrgUnitCode, substr(FromDay, 1, KeyLength) AS Month, 1 AS Value FROM spans WHERE NextDay IS NULL OR FromDay < NextDay
            UNION ALL
            SELECT Code, OrgUnitCode, substr(NextDay, 1, KeyLength), -1 FROM spans WHERE NextDay IS NOT NULL AND FromDay < NextDay)
        GROUP BY Code, OrgUnitCode, Month HAVING SUM(Value) <> 0;
        """;

    public static ModelBuilder AddStocks(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StockDelta>(e =>
        {
            e.ToTable("stock_deltas");
            e.HasKey(x => new { x.Code, x.OrgUnitCode, x.Month });
        });
        return modelBuilder;
    }

    /// <summary>Each stock in the units at <paramref name="asOf"/>, a month's last day (stocks with no rows left out).</summary>
    public static async Task<Dictionary<string, long>> CountAsync(ReportingDb db, List<string> codes, DateOnly asOf, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        await ReadAsync(db, "SELECT Code, SUM(Value)", "GROUP BY Code", codes, asOf, r =>
        {
            if (MemberStocks.CountsAt(r.GetString(0), asOf))
            {
                counts[r.GetString(0)] = r.GetInt64(1);
            }
        }, ct);
        return counts;
    }

    /// <summary>Each unit's own stocks at <paramref name="asOf"/> (units without any are left out), for exports that hand
    /// each unit's figures to a system that sums the hierarchy itself.</summary>
    public static async Task<List<(string Unit, string Code, long Count)>> CountByUnitAsync(ReportingDb db, List<string> codes, DateOnly asOf, CancellationToken ct)
    {
        var counts = new List<(string Unit, string Code, long Count)>();
        await ReadAsync(db, "SELECT OrgUnitCode, Code, SUM(Value)", "GROUP BY OrgUnitCode, Code", codes, asOf,
            r =>
            {
                if (MemberStocks.CountsAt(r.GetString(1), asOf))
                {
                    counts.Add((r.GetString(0), r.GetString(1), r.GetInt64(2)));
                }
            }, ct);
        return counts;
    }

    private static async Task ReadAsync(ReportingDb db, string select, string groupBy, List<string> codes, DateOnly asOf, Action<SqliteDataReader> row, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"{select} FROM stock_deltas WHERE Month <= $month AND OrgUnitCode IN (SELECT value FROM json_each($codes)) {groupBy}";
            command.Parameters.AddWithValue("$month", Month(asOf));
            command.Parameters.AddWithValue("$codes", JsonSerializer.Serialize(codes));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                row(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
