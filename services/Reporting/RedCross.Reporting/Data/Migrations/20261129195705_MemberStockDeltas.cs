using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberStockDeltas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_stock_deltas",
                columns: table => new
                {
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_stock_deltas", x => new { x.OrgUnitCode, x.Month });
                });

            // Members projected before the deltas existed: derived once from their timeline.
            migrationBuilder.Sql(RedCross.Reporting.Data.MemberStock.FromTimelineSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_stock_deltas");
        }
    }
}
