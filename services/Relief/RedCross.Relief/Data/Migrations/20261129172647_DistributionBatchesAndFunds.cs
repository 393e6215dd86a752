using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class DistributionBatchesAndFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "SponsorId",
                table: "distributions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "BatchId",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fund",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_distributions_BatchId",
                table: "distributions",
                column: "BatchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_distributions_BatchId",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "Fund",
                table: "distributions");

            migrationBuilder.AlterColumn<Guid>(
                name: "SponsorId",
                table: "distributions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
