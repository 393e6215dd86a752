using System;
using Microsoft.EntityFrameworkCore.Migrations;
using RedCross.Messaging;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RedCross.Campaign.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", nullable: false),
                    RecordKind = table.Column<string>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Position);
                });

            migrationBuilder.CreateTable(
                name: "blood_deferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeferredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blood_deferrals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blood_donations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Component = table.Column<string>(type: "TEXT", nullable: false),
                    VolumeMl = table.Column<int>(type: "INTEGER", nullable: false),
                    DonatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WeightTenthsKg = table.Column<int>(type: "INTEGER", nullable: false),
                    CumulativeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blood_donations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blood_donors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sex = table.Column<string>(type: "TEXT", nullable: false),
                    WeightTenthsKg = table.Column<int>(type: "INTEGER", nullable: false),
                    BloodGroup = table.Column<string>(type: "TEXT", nullable: true),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", nullable: true),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DonationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDonatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextEligibleOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeferredUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blood_donors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blood_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", nullable: false),
                    DonationCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blood_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_beneficiaries",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", nullable: false),
                    HouseholdSize = table.Column<int>(type: "INTEGER", nullable: false),
                    Categories = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_beneficiaries", x => new { x.CampaignId, x.Position });
                });

            migrationBuilder.CreateTable(
                name: "campaign_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Figures_PeopleServed = table.Column<long>(type: "INTEGER", nullable: false),
                    Figures_Examinations = table.Column<long>(type: "INTEGER", nullable: false),
                    Figures_Consultations = table.Column<long>(type: "INTEGER", nullable: false),
                    Figures_CommunicationSessions = table.Column<long>(type: "INTEGER", nullable: false),
                    Figures_FundsRaisedVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Figures_BloodDonations = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    CorrectsResultId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CorrectedByResultId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CorrectionReason = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_sponsor_gifts",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SponsorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Gifts = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_sponsor_gifts", x => new { x.CampaignId, x.SponsorId });
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitCode = table.Column<string>(type: "TEXT", nullable: false),
                    OrgUnitPath = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Targets_PeopleServed = table.Column<long>(type: "INTEGER", nullable: false),
                    Targets_Examinations = table.Column<long>(type: "INTEGER", nullable: false),
                    Targets_Consultations = table.Column<long>(type: "INTEGER", nullable: false),
                    Targets_CommunicationSessions = table.Column<long>(type: "INTEGER", nullable: false),
                    Targets_FundsRaisedVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Targets_BloodDonations = table.Column<long>(type: "INTEGER", nullable: false),
                    Totals_PeopleServed = table.Column<long>(type: "INTEGER", nullable: false),
                    Totals_Examinations = table.Column<long>(type: "INTEGER", nullable: false),
                    Totals_Consultations = table.Column<long>(type: "INTEGER", nullable: false),
                    Totals_CommunicationSessions = table.Column<long>(type: "INTEGER", nullable: false),
                    Totals_FundsRaisedVnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Totals_BloodDonations = table.Column<long>(type: "INTEGER", nullable: false),
                    BeneficiaryListDrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BeneficiaryListCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "eligibility_rules",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eligibility_rules", x => x.Code);
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
                name: "campaign_partners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", nullable: true),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_partners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_campaign_partners_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "campaigns",
                        principalColumn: "Id",
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

            migrationBuilder.InsertData(
                table: "eligibility_rules",
                columns: new[] { "Code", "Description", "Value" },
                values: new object[,]
                {
                    { "interval_days_after_plasma", "Khoảng cách sau hiến huyết tương / days after plasma (2 weeks)", 14 },
                    { "interval_days_after_platelets", "Khoảng cách sau hiến tiểu cầu / days after platelets (2 weeks)", 14 },
                    { "interval_days_after_whole_blood", "Khoảng cách sau hiến máu toàn phần / days after whole blood (12 weeks)", 84 },
                    { "max_age_years", "Tuổi tối đa / maximum age (years)", 60 },
                    { "max_ml_per_kg", "Thể tích tối đa mỗi kg cân nặng / maximum ml per kg", 9 },
                    { "max_volume_ml", "Thể tích tối đa mỗi lần / maximum volume per donation (ml)", 500 },
                    { "min_age_years", "Tuổi tối thiểu / minimum age (years)", 18 },
                    { "min_weight_female_tenths_kg", "Cân nặng tối thiểu, nữ / minimum weight, women (0.1 kg)", 420 },
                    { "min_weight_male_tenths_kg", "Cân nặng tối thiểu, nam / minimum weight, men (0.1 kg)", 450 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RecordId_Position",
                table: "audit_entries",
                columns: new[] { "RecordId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_blood_deferrals_DonorId_DeferredOn",
                table: "blood_deferrals",
                columns: new[] { "DonorId", "DeferredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_blood_donations_DonorId_DonatedOn",
                table: "blood_donations",
                columns: new[] { "DonorId", "DonatedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_blood_donations_OrgUnitPath",
                table: "blood_donations",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_blood_donations_SessionId",
                table: "blood_donations",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_blood_donors_NextEligibleOn",
                table: "blood_donors",
                column: "NextEligibleOn");

            migrationBuilder.CreateIndex(
                name: "IX_blood_donors_OrgUnitPath",
                table: "blood_donors",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_blood_donors_SearchName_BirthDate_OrgUnitCode",
                table: "blood_donors",
                columns: new[] { "SearchName", "BirthDate", "OrgUnitCode" });

            migrationBuilder.CreateIndex(
                name: "IX_blood_sessions_CampaignId",
                table: "blood_sessions",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_blood_sessions_OrgUnitPath",
                table: "blood_sessions",
                column: "OrgUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_partners_CampaignId",
                table: "campaign_partners",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_partners_ClientId",
                table: "campaign_partners",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_results_CampaignId_Id",
                table: "campaign_results",
                columns: new[] { "CampaignId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_OrgUnitPath",
                table: "campaigns",
                column: "OrgUnitPath");

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

            // The audit trail is append-only in the database itself.
            migrationBuilder.CreateAppendOnlyTriggers();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "blood_deferrals");

            migrationBuilder.DropTable(
                name: "blood_donations");

            migrationBuilder.DropTable(
                name: "blood_donors");

            migrationBuilder.DropTable(
                name: "blood_sessions");

            migrationBuilder.DropTable(
                name: "campaign_beneficiaries");

            migrationBuilder.DropTable(
                name: "campaign_partners");

            migrationBuilder.DropTable(
                name: "campaign_results");

            migrationBuilder.DropTable(
                name: "campaign_sponsor_gifts");

            migrationBuilder.DropTable(
                name: "eligibility_rules");

            migrationBuilder.DropTable(
                name: "event_checkpoints");

            migrationBuilder.DropTable(
                name: "idempotency");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "org_unit_replica_names");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "parked_events");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "org_unit_replica");
        }
    }
}
