using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_commendation_lines",
                table: "commendation_lines");

            migrationBuilder.AddColumn<string>(
                name: "Movement",
                table: "commendation_lines",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "BloodDonations",
                table: "campaign_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BloodVolumeMl",
                table: "campaign_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CommunicationSessions",
                table: "campaign_programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddPrimaryKey(
                name: "PK_commendation_lines",
                table: "commendation_lines",
                columns: new[] { "OrgUnitCode", "CountedOn", "IssuerCode", "FormKind", "Movement" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_commendation_lines",
                table: "commendation_lines");

            migrationBuilder.DropColumn(
                name: "Movement",
                table: "commendation_lines");

            migrationBuilder.DropColumn(
                name: "BloodDonations",
                table: "campaign_programmes");

            migrationBuilder.DropColumn(
                name: "BloodVolumeMl",
                table: "campaign_programmes");

            migrationBuilder.DropColumn(
                name: "CommunicationSessions",
                table: "campaign_programmes");

            migrationBuilder.AddPrimaryKey(
                name: "PK_commendation_lines",
                table: "commendation_lines",
                columns: new[] { "OrgUnitCode", "CountedOn", "IssuerCode", "FormKind" });
        }
    }
}
