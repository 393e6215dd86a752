using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatchUpAndParking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_checkpoints",
                columns: table => new
                {
                    Consumer = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_checkpoints", x => new { x.Consumer, x.Source });
                });

            migrationBuilder.CreateTable(
                name: "parked_events",
                columns: table => new
                {
                    Consumer = table.Column<string>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    ParkedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_events", x => new { x.Consumer, x.EventId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_parked_events_Consumer_Position",
                table: "parked_events",
                columns: new[] { "Consumer", "Position" });

            // Inbox names are now per source ("reporting:membership"), shared by live delivery, catch-up and
            // rebuild; the events applied under the old names stay applied.
            migrationBuilder.Sql("UPDATE OR IGNORE inbox SET Consumer = 'reporting:membership' WHERE Consumer IN ('reporting-projection', 'org-replica')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_checkpoints");

            migrationBuilder.DropTable(
                name: "parked_events");
        }
    }
}
