using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class DistributionRecipientBands : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecipientAgeBand",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecipientSex",
                table: "distributions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecipientAgeBand",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "RecipientSex",
                table: "distributions");
        }
    }
}
