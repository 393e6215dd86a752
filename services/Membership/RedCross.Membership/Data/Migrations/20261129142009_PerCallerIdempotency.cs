using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Membership.Data.Migrations
{
    /// <summary>request_id is remembered per (caller, method). Rows keyed by request_id alone cannot be
    /// given a caller, so they are dropped rather than guessed: a retry of a create made before the upgrade
    /// creates a new resource, which is the lesser harm than handing one caller's resource to another.</summary>
    public partial class PerCallerIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "idempotency");

            migrationBuilder.CreateTable(
                name: "idempotency",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency", x => new { x.Subject, x.Method, x.RequestId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "idempotency");

            migrationBuilder.CreateTable(
                name: "idempotency",
                columns: table => new
                {
                    RequestId = table.Column<string>(type: "TEXT", nullable: false),
                    Operation = table.Column<string>(type: "TEXT", nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency", x => x.RequestId);
                });
        }
    }
}
