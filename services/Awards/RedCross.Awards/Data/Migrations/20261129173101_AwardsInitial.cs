using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RedCross.Awards.Data.Migrations
{
    /// <inheritdoc />
    public partial class AwardsInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "donor_tallies",
                columns: table => new
                {
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientKey = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", nullable: false),
                    DonationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDonatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_donor_tallies", x => x.DonorId);
                });

            migrationBuilder.CreateTable(
                name: "event_checkpoints",
                columns: table => new
                {
                    Consumer = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_checkpoints", x => new { x.Consumer, x.Source });
                });

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

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "issuers",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issuers", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "known_members",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    Volunteer = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnitSince = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_members", x => x.MemberId);
                });

            migrationBuilder.CreateTable(
                name: "nominations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuerCode = table.Column<string>(type: "TEXT", nullable: false),
                    FormKind = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientKind = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<string>(type: "TEXT", nullable: true),
                    GroupName = table.Column<string>(type: "TEXT", nullable: true),
                    RecipientKey = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    Movement = table.Column<string>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposerOrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    CashVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    RevokedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecognitionTierId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nominations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_unit_replica",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", nullable: true),
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    AdminAreaCode = table.Column<string>(type: "TEXT", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAtTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_unit_replica", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TraceParent = table.Column<string>(type: "TEXT", nullable: true),
                    Dead = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.Position);
                });

            migrationBuilder.CreateTable(
                name: "parked_events",
                columns: table => new
                {
                    Consumer = table.Column<string>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    ParkedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_events", x => new { x.Consumer, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "recognition_tiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuerCode = table.Column<string>(type: "TEXT", nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", nullable: false),
                    MinDonations = table.Column<int>(type: "INTEGER", nullable: false),
                    FormKind = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognition_tiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "issuer_forms",
                columns: table => new
                {
                    IssuerCode = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    CashCollectiveVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    CashIndividualVnd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issuer_forms", x => new { x.IssuerCode, x.Kind });
                    table.ForeignKey(
                        name: "FK_issuer_forms_issuers_IssuerCode",
                        column: x => x.IssuerCode,
                        principalTable: "issuers",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "org_unit_replica_names",
                columns: table => new
                {
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_unit_replica_names", x => new { x.Code, x.ValidFrom });
                    table.ForeignKey(
                        name: "FK_org_unit_replica_names_org_unit_replica_Code",
                        column: x => x.Code,
                        principalTable: "org_unit_replica",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_donor_tallies_OrgUnitPath",
                table: "donor_tallies",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_donor_tallies_ProvinceCode_DonationCount",
                table: "donor_tallies",
                columns: new[] { "ProvinceCode", "DonationCount" });

            migrationBuilder.CreateIndex(
                name: "IX_nominations_IssuerCode_FormKind_Year_RecipientKey",
                table: "nominations",
                columns: new[] { "IssuerCode", "FormKind", "Year", "RecipientKey" },
                unique: true,
                filter: "Status IN ('draft', 'submitted', 'approved')");

            migrationBuilder.CreateIndex(
                name: "IX_nominations_OrgUnitPath",
                table: "nominations",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_nominations_RecipientKey",
                table: "nominations",
                column: "RecipientKey");

            migrationBuilder.CreateIndex(
                name: "IX_org_unit_replica_Path",
                table: "org_unit_replica",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_Id",
                table: "outbox",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_SentAt_Dead_Position",
                table: "outbox",
                columns: new[] { "SentAt", "Dead", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_parked_events_Consumer_Position",
                table: "parked_events",
                columns: new[] { "Consumer", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_recognition_tiers_ProvinceCode_IssuerCode_MinDonations",
                table: "recognition_tiers",
                columns: new[] { "ProvinceCode", "IssuerCode", "MinDonations" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "donor_tallies");

            migrationBuilder.DropTable(
                name: "event_checkpoints");

            migrationBuilder.DropTable(
                name: "idempotency");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "issuer_forms");

            migrationBuilder.DropTable(
                name: "known_members");

            migrationBuilder.DropTable(
                name: "nominations");

            migrationBuilder.DropTable(
                name: "org_unit_replica_names");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "parked_events");

            migrationBuilder.DropTable(
                name: "recognition_tiers");

            migrationBuilder.DropTable(
                name: "issuers");

            migrationBuilder.DropTable(
                name: "org_unit_replica");
        }
    }
}
