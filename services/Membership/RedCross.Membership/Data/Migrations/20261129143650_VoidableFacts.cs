using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Membership.Data.Migrations
{
    /// <inheritdoc />
    public partial class VoidableFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dues_exemptions_MemberId_Year",
                table: "dues_exemptions");

            migrationBuilder.RenameColumn(
                name: "CommuneCode",
                table: "dues_exemptions",
                newName: "OrgUnitCode");

            migrationBuilder.RenameIndex(
                name: "IX_dues_exemptions_CommuneCode_Year",
                table: "dues_exemptions",
                newName: "IX_dues_exemptions_OrgUnitCode_Year");

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "welfare_visits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "welfare_visits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "welfare_visits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "welfare_contributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "welfare_contributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "welfare_contributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "dues_payments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "dues_payments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "dues_payments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "dues_exemptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "dues_exemptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "dues_exemptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_dues_exemptions_MemberId_Year",
                table: "dues_exemptions",
                columns: new[] { "MemberId", "Year" },
                unique: true,
                filter: "\"VoidedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dues_exemptions_MemberId_Year",
                table: "dues_exemptions");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "welfare_visits");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "welfare_visits");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "welfare_visits");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "welfare_contributions");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "welfare_contributions");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "welfare_contributions");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "trainings");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "trainings");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "trainings");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "dues_payments");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "dues_payments");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "dues_payments");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "dues_exemptions");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "dues_exemptions");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "dues_exemptions");

            migrationBuilder.RenameColumn(
                name: "OrgUnitCode",
                table: "dues_exemptions",
                newName: "CommuneCode");

            migrationBuilder.RenameIndex(
                name: "IX_dues_exemptions_OrgUnitCode_Year",
                table: "dues_exemptions",
                newName: "IX_dues_exemptions_CommuneCode_Year");

            migrationBuilder.CreateIndex(
                name: "IX_dues_exemptions_MemberId_Year",
                table: "dues_exemptions",
                columns: new[] { "MemberId", "Year" },
                unique: true);
        }
    }
}
