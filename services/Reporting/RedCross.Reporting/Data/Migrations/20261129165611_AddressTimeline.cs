using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddressTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "address_timeline",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_address_timeline", x => x.EventId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_address_timeline_AddressId_EffectiveDate_RecordedAtTicks",
                table: "address_timeline",
                columns: new[] { "AddressId", "EffectiveDate", "RecordedAtTicks" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address_timeline");
        }
    }
}
