using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommendationLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commendation_lines",
                columns: table => new
                {
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    CountedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuerCode = table.Column<string>(type: "TEXT", nullable: false),
                    FormKind = table.Column<string>(type: "TEXT", nullable: false),
                    IssuerKind = table.Column<string>(type: "TEXT", nullable: false),
                    IssuerOrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    Collectives = table.Column<long>(type: "INTEGER", nullable: false),
                    Individuals = table.Column<long>(type: "INTEGER", nullable: false),
                    CashVnd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commendation_lines", x => new { x.OrgUnitCode, x.CountedOn, x.IssuerCode, x.FormKind });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commendation_lines");
        }
    }
}
