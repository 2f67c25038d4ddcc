using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Policies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_review_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    chase_requested_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_recipients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    policy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    employee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    asked_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    last_sent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    times_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    first_reminder_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    second_reminder_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    manager_told_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    acknowledged_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_recipients", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_recipients_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_policy_recipients_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    policy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    submitted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    submitted_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approved_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    approved_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    returned_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    published_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    published_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    effective_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    audience = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_ids = table.Column<string>(type: "TEXT", nullable: false),
                    change = table.Column<int>(type: "INTEGER", nullable: false),
                    missing_sections = table.Column<string>(type: "TEXT", nullable: false),
                    missing_sections_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    acknowledgement_round = table.Column<int>(type: "INTEGER", nullable: false),
                    superseded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_versions_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "policy_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    secret_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_links_policy_recipients_recipient_id",
                        column: x => x.recipient_id,
                        principalTable: "policy_recipients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_acknowledgements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    policy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version_number = table.Column<int>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    employee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    acknowledged_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_acknowledgements", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_acknowledgements_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_policy_acknowledgements_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_policy_acknowledgements_policy_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "policy_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "policy_consultations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    policy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    body = table.Column<int>(type: "INTEGER", nullable: false),
                    consulted_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    held_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    recorded_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_consultations", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_consultations_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_policy_consultations_policy_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "policy_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_policies_slug",
                table: "policies",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_acknowledgements_employee_id",
                table: "policy_acknowledgements",
                column: "employee_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_acknowledgements_policy_id_acknowledged_at_utc",
                table: "policy_acknowledgements",
                columns: new[] { "policy_id", "acknowledged_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_policy_acknowledgements_policy_id_round_employee_id",
                table: "policy_acknowledgements",
                columns: new[] { "policy_id", "round", "employee_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_acknowledgements_version_id",
                table: "policy_acknowledgements",
                column: "version_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_consultations_policy_id",
                table: "policy_consultations",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_consultations_version_id",
                table: "policy_consultations",
                column: "version_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_links_recipient_id",
                table: "policy_links",
                column: "recipient_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_links_secret_hash",
                table: "policy_links",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_recipients_employee_id",
                table: "policy_recipients",
                column: "employee_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_recipients_policy_id_round_employee_id",
                table: "policy_recipients",
                columns: new[] { "policy_id", "round", "employee_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_versions_policy_id_number",
                table: "policy_versions",
                columns: new[] { "policy_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_acknowledgements");

            migrationBuilder.DropTable(
                name: "policy_consultations");

            migrationBuilder.DropTable(
                name: "policy_links");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropTable(
                name: "policy_recipients");

            migrationBuilder.DropTable(
                name: "policies");
        }
    }
}
