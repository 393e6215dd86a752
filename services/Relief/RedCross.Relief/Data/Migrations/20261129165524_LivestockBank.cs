using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class LivestockBank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "livestock_animals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", nullable: false),
                    Species = table.Column<string>(type: "TEXT", nullable: false),
                    Sex = table.Column<string>(type: "TEXT", nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BirthDateEstimated = table.Column<bool>(type: "INTEGER", nullable: false),
                    MotherId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BornWithBeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CalfNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderBeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    HeldSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    OutcomeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValueVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_livestock_animals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "livestock_handover_obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MotherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CalfId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    EarliestOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    FulfilledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecipientBeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_livestock_handover_obligations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "livestock_programmes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Species = table.Column<string>(type: "TEXT", nullable: false),
                    HandbackCalf = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredSex = table.Column<string>(type: "TEXT", nullable: false),
                    HandoverMinAgeMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    HandoverMaxAgeMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_livestock_programmes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_livestock_animals_HolderBeneficiaryId",
                table: "livestock_animals",
                column: "HolderBeneficiaryId");

            migrationBuilder.CreateIndex(
                name: "IX_livestock_animals_MotherId_BornWithBeneficiaryId",
                table: "livestock_animals",
                columns: new[] { "MotherId", "BornWithBeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_livestock_animals_OrgUnitPath",
                table: "livestock_animals",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_livestock_animals_ProgrammeId_Tag",
                table: "livestock_animals",
                columns: new[] { "ProgrammeId", "Tag" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_livestock_handover_obligations_CalfId",
                table: "livestock_handover_obligations",
                column: "CalfId");

            migrationBuilder.CreateIndex(
                name: "IX_livestock_handover_obligations_MotherId_BeneficiaryId",
                table: "livestock_handover_obligations",
                columns: new[] { "MotherId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "IX_livestock_handover_obligations_OrgUnitPath",
                table: "livestock_handover_obligations",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_livestock_handover_obligations_State_DueOn",
                table: "livestock_handover_obligations",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_livestock_programmes_OrgUnitPath",
                table: "livestock_programmes",
                column: "OrgUnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "livestock_animals");

            migrationBuilder.DropTable(
                name: "livestock_handover_obligations");

            migrationBuilder.DropTable(
                name: "livestock_programmes");
        }
    }
}
