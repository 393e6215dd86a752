using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_gifts",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SponsorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Gifts = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_gifts", x => new { x.CampaignId, x.SponsorId });
                });

            migrationBuilder.CreateTable(
                name: "campaign_partners",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_partners", x => new { x.CampaignId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "campaign_programmes",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ListSize = table.Column<long>(type: "INTEGER", nullable: false),
                    ListDrawnAtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Visits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_programmes", x => x.CampaignId);
                });

            migrationBuilder.CreateTable(
                name: "sponsor_names",
                columns: table => new
                {
                    SponsorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sponsor_names", x => x.SponsorId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_programmes_OrgUnitCode",
                table: "campaign_programmes",
                column: "OrgUnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_gifts");

            migrationBuilder.DropTable(
                name: "campaign_partners");

            migrationBuilder.DropTable(
                name: "campaign_programmes");

            migrationBuilder.DropTable(
                name: "sponsor_names");
        }
    }
}
