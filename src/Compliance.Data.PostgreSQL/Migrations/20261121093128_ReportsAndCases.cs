using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ReportsAndCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    wrapped_data_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    reporter_role = table.Column<int>(type: "integer", nullable: false),
                    place = table.Column<int>(type: "integer", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    involved = table.Column<int>(type: "integer", nullable: false),
                    still_happening = table.Column<int>(type: "integer", nullable: false),
                    feels_unsafe = table.Column<bool>(type: "boolean", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    triaged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    urgency = table.Column<int>(type: "integer", nullable: true),
                    victimisation_risk = table.Column<int>(type: "integer", nullable: true),
                    flags = table.Column<int>(type: "integer", nullable: false),
                    route = table.Column<int>(type: "integer", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    outcome_on = table.Column<DateOnly>(type: "date", nullable: true),
                    appeal_lodged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    appeal_result = table.Column<int>(type: "integer", nullable: true),
                    appeal_decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    feedback_given_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    check_in_dates = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    check_ins_sent = table.Column<int>(type: "integer", nullable: false),
                    risk_assessment_change_needed = table.Column<bool>(type: "boolean", nullable: true),
                    policy_change_needed = table.Column<bool>(type: "boolean", nullable: true),
                    third_party_incident_id = table.Column<Guid>(type: "uuid", nullable: true),
                    legal_hold = table.Column<bool>(type: "boolean", nullable: false),
                    reporter_activity_unread = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_cases_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_report_cases_third_party_incidents_third_party_incident_id",
                        column: x => x.third_party_incident_id,
                        principalTable: "third_party_incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_assignments",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assigned_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_assignments", x => new { x.case_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_case_assignments_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_case_assignments_report_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "report_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    from_reporter = table.Column<bool>(type: "boolean", nullable: false),
                    visible_to_reporter = table.Column<bool>(type: "boolean", nullable: false),
                    written_on = table.Column<DateOnly>(type: "date", nullable: false),
                    written_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    author_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_entries_report_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "report_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_exclusions",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<int>(type: "integer", nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_exclusions", x => new { x.case_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_case_exclusions_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_case_exclusions_report_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "report_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stored_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    added_on = table.Column<DateOnly>(type: "date", nullable: false),
                    from_reporter = table.Column<bool>(type: "boolean", nullable: false),
                    sealed_name = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_files_report_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "report_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_assignments_user_id",
                table: "case_assignments",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_entries_case_id",
                table: "case_entries",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_exclusions_user_id",
                table: "case_exclusions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_files_case_id",
                table: "case_files",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_cases_reference",
                table: "report_cases",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_report_cases_site_id",
                table: "report_cases",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_cases_state",
                table: "report_cases",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_report_cases_third_party_incident_id",
                table: "report_cases",
                column: "third_party_incident_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_assignments");

            migrationBuilder.DropTable(
                name: "case_entries");

            migrationBuilder.DropTable(
                name: "case_exclusions");

            migrationBuilder.DropTable(
                name: "case_files");

            migrationBuilder.DropTable(
                name: "report_cases");
        }
    }
}
