using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class BloodDonors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "donor_periods",
                columns: table => new
                {
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_donor_periods", x => new { x.DonorId, x.OrgUnitCode, x.Period });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "donor_periods");
        }
    }
}
