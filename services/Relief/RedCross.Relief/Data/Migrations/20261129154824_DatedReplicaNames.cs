using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class DatedReplicaNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "org_unit_replica_names",
                columns: table => new
                {
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_unit_replica_names", x => new { x.Code, x.ValidFrom });
                    table.ForeignKey(
                        name: "FK_org_unit_replica_names_org_unit_replica_Code",
                        column: x => x.Code,
                        principalTable: "org_unit_replica",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("INSERT INTO org_unit_replica_names (Code, ValidFrom, Name, Level) SELECT Code, ValidFrom, Name, Level FROM org_unit_replica");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_unit_replica_names");
        }
    }
}
