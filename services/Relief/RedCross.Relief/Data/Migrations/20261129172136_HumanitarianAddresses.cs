using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class HumanitarianAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "BeneficiaryId",
                table: "distributions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "AddressId",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "address_assistance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OnDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    ValueVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_address_assistance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "address_commitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SponsorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UntilDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_address_commitments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "address_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    NextDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_address_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "humanitarian_addresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", nullable: true),
                    Situation = table.Column<string>(type: "TEXT", nullable: false),
                    Needs = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewIntervalMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", nullable: true),
                    CloseNote = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_humanitarian_addresses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_distributions_AddressId",
                table: "distributions",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_address_assistance_AddressId",
                table: "address_assistance",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_address_commitments_AddressId",
                table: "address_commitments",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_address_reviews_AddressId_ReviewedOn",
                table: "address_reviews",
                columns: new[] { "AddressId", "ReviewedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_humanitarian_addresses_BeneficiaryId_Status",
                table: "humanitarian_addresses",
                columns: new[] { "BeneficiaryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_humanitarian_addresses_OrgUnitPath",
                table: "humanitarian_addresses",
                column: "OrgUnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address_assistance");

            migrationBuilder.DropTable(
                name: "address_commitments");

            migrationBuilder.DropTable(
                name: "address_reviews");

            migrationBuilder.DropTable(
                name: "humanitarian_addresses");

            migrationBuilder.DropIndex(
                name: "IX_distributions_AddressId",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "AddressId",
                table: "distributions");

            migrationBuilder.AlterColumn<Guid>(
                name: "BeneficiaryId",
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
