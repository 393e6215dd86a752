using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Membership.Data.Migrations
{
    /// <summary>The audit trail moved to the shared building block (RedCross.Messaging.AuditEntry): MemberId became
    /// RecordId and every entry written so far is about a member. Written by hand so that no row is lost: a column
    /// rename and an added column with a default are done in place by SQLite (no table rebuild, so the append-only
    /// triggers stay and never fire).</summary>
    public partial class SharedAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_MemberId_Position",
                table: "audit_entries");

            migrationBuilder.RenameColumn(
                name: "MemberId",
                table: "audit_entries",
                newName: "RecordId");

            migrationBuilder.AddColumn<string>(
                name: "RecordKind",
                table: "audit_entries",
                type: "TEXT",
                nullable: false,
                defaultValue: "member");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RecordId_Position",
                table: "audit_entries",
                columns: new[] { "RecordId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_RecordId_Position",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "RecordKind",
                table: "audit_entries");

            migrationBuilder.RenameColumn(
                name: "RecordId",
                table: "audit_entries",
                newName: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_MemberId_Position",
                table: "audit_entries",
                columns: new[] { "MemberId", "Position" });
        }
    }
}
