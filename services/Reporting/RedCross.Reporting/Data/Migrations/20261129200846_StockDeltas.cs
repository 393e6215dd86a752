using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class StockDeltas : Migration
    {
        private const string FromTimelinesSql = """
        INSERT INTO stock_deltas (Code, OrgUnitCode, Month, Value)
        WITH m AS (
            SELECT OrgUnitCode, EffectiveDate AS Day, Status,
                   LEAD(EffectiveDate) OVER (PARTITION BY MemberId ORDER BY EffectiveDate, RecordedAtTicks, EventId) AS NextDay
            FROM member_timeline),
        a AS (
            SELECT OrgUnitCode, EffectiveDate AS Day, DueOn, max(EffectiveDate, date(DueOn, '+1 day')) AS OverdueFrom,
                   LEAD(EffectiveDate) OVER (PARTITION BY AddressId ORDER BY EffectiveDate, RecordedAtTicks, EventId) AS NextDay
            FROM address_timeline),
        spans (Code, OrgUnitCode, FromDay, NextDay) AS (
            SELECT 'membership.members.active', OrgUnitCode, Day, NextDay FROM m WHERE Status = 'active'
            UNION ALL SELECT 'relief.addresses.active', OrgUnitCode, Day, NextDay FROM a WHERE DueOn IS NOT NULL
            UNION ALL SELECT 'relief.addresses.review_overdue', OrgUnitCode, OverdueFrom, NextDay FROM a WHERE DueOn IS NOT NULL)
        SELECT Code, OrgUnitCode, Month, SUM(Value) FROM (
            SELECT Code, OrgUnitCode, substr(FromDay, 1, 7) AS Month, 1 AS Value FROM spans WHERE NextDay IS NULL OR FromDay < NextDay
            UNION ALL
            SELECT Code, OrgUnitCode, substr(NextDay, 1, 7), -1 FROM spans WHERE NextDay IS NOT NULL AND FromDay < NextDay)
        GROUP BY Code, OrgUnitCode, Month HAVING SUM(Value) <> 0;
        """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_deltas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_deltas", x => new { x.Code, x.OrgUnitCode, x.Month });
                });

            // Members and addresses projected before the deltas existed: derived once from their timelines, by the
            // spans as they were when this migration was written (Stocks.FromTimelinesSql has moved on since).
            migrationBuilder.Sql(FromTimelinesSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_deltas");
        }
    }
}
