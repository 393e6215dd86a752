using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Membership.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_transfers",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    FromUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    FromUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    ToUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    ToUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_transfers", x => new { x.MemberId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_member_transfers_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_member_transfers_FromUnitPath",
                table: "member_transfers",
                column: "FromUnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_transfers");
        }
    }
}
