using System;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hint = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    disabled_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_signed_in_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    manual = table.Column<bool>(type: "INTEGER", nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "key_ring",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    xml = table.Column<string>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_ring", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mail_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    port = table.Column<int>(type: "INTEGER", nullable: false),
                    start_tls = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    protected_password = table.Column<string>(type: "TEXT", nullable: true),
                    from_address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    from_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sector = table.Column<int>(type: "INTEGER", nullable: false),
                    size_band = table.Column<int>(type: "INTEGER", nullable: false),
                    nations = table.Column<string>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    singleton_key = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    to_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    done_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_factors",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    suggested_controls = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    is_built_in = table.Column<bool>(type: "INTEGER", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    signal = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_factors", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    nation = table.Column<int>(type: "INTEGER", nullable: false),
                    postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_role_claims_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_user_claims_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_identity_user_logins_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_identity_user_tokens_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_invitations_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminder_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_reminder_deliveries_identity_users_recipient_id",
                        column: x => x.recipient_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "employees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee_number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    work_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    department_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    job_title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    leaving_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    is_manager = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_customer_facing = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_lone_worker = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_night_worker = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_agency_or_contractor = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employees", x => x.id);
                    table.ForeignKey(
                        name: "fk_employees_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_employees_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "manager_scopes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    department_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_manager_scopes", x => x.id);
                    table.CheckConstraint("ck_manager_scopes_one_target", "(site_id IS NULL) <> (department_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_manager_scopes_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_manager_scopes_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_manager_scopes_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    department_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    scope_description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_review_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    review_flagged_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    review_flag_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_assessments_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risk_assessments_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    approved_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    approved_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approved_content = table.Column<string>(type: "TEXT", nullable: true),
                    approved_content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessment_revisions_risk_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "risk_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    raised_in_revision = table.Column<int>(type: "INTEGER", nullable: false),
                    factor_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    completion_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_actions_risk_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "risk_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risk_actions_risk_factors_factor_code",
                        column: x => x.factor_code,
                        principalTable: "risk_factors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "third_party_incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_type = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    is_sexual = table.Column<bool>(type: "INTEGER", nullable: false),
                    affected_employee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    responses = table.Column<int>(type: "INTEGER", nullable: false),
                    responded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    logged_by_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    logged_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    logged_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    risk_assessment_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_third_party_incidents", x => x.id);
                    table.ForeignKey(
                        name: "fk_third_party_incidents_employees_affected_employee_id",
                        column: x => x.affected_employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_third_party_incidents_risk_assessments_risk_assessment_id",
                        column: x => x.risk_assessment_id,
                        principalTable: "risk_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_third_party_incidents_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "factor_ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    revision_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    factor_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    applies = table.Column<bool>(type: "INTEGER", nullable: false),
                    who_is_at_risk = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    likelihood = table.Column<int>(type: "INTEGER", nullable: true),
                    severity = table.Column<int>(type: "INTEGER", nullable: true),
                    controls_in_place = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    not_relevant_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_factor_ratings", x => x.id);
                    table.CheckConstraint("ck_factor_ratings_scale", "(likelihood IS NULL OR likelihood BETWEEN 1 AND 5) AND (severity IS NULL OR severity BETWEEN 1 AND 5)");
                    table.ForeignKey(
                        name: "fk_factor_ratings_assessment_revisions_revision_id",
                        column: x => x.revision_id,
                        principalTable: "assessment_revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_factor_ratings_risk_factors_factor_code",
                        column: x => x.factor_code,
                        principalTable: "risk_factors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    key_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    wrapped_data_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    mode = table.Column<int>(type: "INTEGER", nullable: false),
                    reporter_role = table.Column<int>(type: "INTEGER", nullable: false),
                    place = table.Column<int>(type: "INTEGER", nullable: false),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    involved = table.Column<int>(type: "INTEGER", nullable: false),
                    still_happening = table.Column<int>(type: "INTEGER", nullable: false),
                    feels_unsafe = table.Column<bool>(type: "INTEGER", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    acknowledged_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    triaged_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    urgency = table.Column<int>(type: "INTEGER", nullable: true),
                    victimisation_risk = table.Column<int>(type: "INTEGER", nullable: true),
                    flags = table.Column<int>(type: "INTEGER", nullable: false),
                    route = table.Column<int>(type: "INTEGER", nullable: true),
                    outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    outcome_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    appeal_lodged_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    appeal_result = table.Column<int>(type: "INTEGER", nullable: true),
                    appeal_decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    feedback_given_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    check_in_dates = table.Column<string>(type: "TEXT", nullable: false),
                    check_ins_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    risk_assessment_change_needed = table.Column<bool>(type: "INTEGER", nullable: true),
                    policy_change_needed = table.Column<bool>(type: "INTEGER", nullable: true),
                    third_party_incident_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    legal_hold = table.Column<bool>(type: "INTEGER", nullable: false),
                    reporter_activity_unread = table.Column<bool>(type: "INTEGER", nullable: false),
                    sealed_reply_address = table.Column<byte[]>(type: "BLOB", nullable: true)
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
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assigned_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    assigned_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    from_reporter = table.Column<bool>(type: "INTEGER", nullable: false),
                    visible_to_reporter = table.Column<bool>(type: "INTEGER", nullable: false),
                    written_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    written_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    body = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stored_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    added_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    from_reporter = table.Column<bool>(type: "INTEGER", nullable: false),
                    sealed_name = table.Column<byte[]>(type: "BLOB", nullable: false),
                    original_sha256 = table.Column<string>(type: "TEXT", nullable: true),
                    has_clean_copy = table.Column<bool>(type: "INTEGER", nullable: false),
                    clean_problem = table.Column<string>(type: "TEXT", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "case_file_blobs",
                columns: table => new
                {
                    file_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    clean = table.Column<bool>(type: "INTEGER", nullable: false),
                    @sealed = table.Column<byte[]>(name: "sealed", type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_file_blobs", x => new { x.file_id, x.clean });
                    table.ForeignKey(
                        name: "fk_case_file_blobs_case_files_file_id",
                        column: x => x.file_id,
                        principalTable: "case_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "risk_factors",
                columns: new[] { "code", "explanation", "is_built_in", "signal", "sort_order", "source", "suggested_controls", "title" },
                values: new object[,]
                {
                    { "AFTER-WORK", "Informal socialising between colleagues can carry work relationships into settings with no supervision.", true, 0, 170, "Other published guidance on harassment risk assessment", "Make clear that harassment connected with work is covered wherever it happens; act on reports about after-work conduct.", "Socialising after work" },
                    { "ALCOHOL", "Where alcohol is served or drunk, inhibitions fall and harassment by customers and colleagues rises.", true, 0, 50, "EHRC technical guidance on sexual harassment (risk factors)", "Refuse service and remove customers who harass staff; door staff at busy times; rules on drinking at work events.", "Alcohol" },
                    { "BANTER", "Where sexual jokes and comments are treated as normal, people who object are told to laugh it off and serious harassment is missed.", true, 0, 100, "EHRC technical guidance on sexual harassment (risk factors)", "Managers challenge it every time; training with examples of where banter becomes harassment; ask staff in surveys.", "A \"banter\" culture" },
                    { "CLIENTS-ALONE", "Home visits, one-to-one appointments and meetings off site leave staff without support.", true, 0, 120, "Acas guidance for employers on preventing sexual harassment", "Tell someone where you are and when you expect to finish; meet in public or in pairs where there is a known risk; a way to leave.", "Meeting clients or service users alone" },
                    { "CLOSE-CONTACT", "Work that involves touching, undressing or close contact can be used to harass, and makes it harder to tell.", true, 0, 200, "Other published guidance on harassment risk assessment", "Clear procedures for close-contact tasks; chaperones where appropriate; how to refuse a task safely.", "Personal care or close physical contact" },
                    { "CONFERENCES", "Events away from the usual workplace, often with alcohol and overnight stays.", true, 0, 160, "Other published guidance on harassment risk assessment", "Brief attendees on the policy; a named lead for each event; a way to report during the event.", "Off-site conferences and training" },
                    { "CROWDING", "Crowded spaces give cover for unwanted touching.", true, 0, 210, "Other published guidance on harassment risk assessment", "Manage numbers; staff positioned to see; act on reports of touching in crowds.", "Crowding" },
                    { "CUSTOMER", "Staff who deal with customers, clients, patients or the public can be harassed by people the employer does not manage.", true, 3, 60, "EHRC technical guidance on sexual harassment (risk factors)", "Notices that harassment of staff is not tolerated; a warning and banning process; staff may stop serving someone; log every incident.", "Customer-facing work" },
                    { "DIVERSITY", "Where one group dominates, for example a male-dominated team, others can be isolated and behaviour can go unchallenged.", true, 0, 80, "EHRC technical guidance on sexual harassment (risk factors)", "Mixed recruitment and promotion panels; mentoring and peer support; ask under-represented staff about their experience.", "Lack of diversity in the workforce" },
                    { "GROUP-BOOKINGS", "Large groups, such as stag and hen parties, are linked with more harassment of staff.", true, 0, 230, "Other published guidance on harassment risk assessment", "Ask about the group when taking the booking; brief the group on conduct; extra staff and a manager present.", "Large group bookings" },
                    { "HANDOVERS", "Handovers leave gaps when cover is thin and information about difficult customers can be lost.", true, 0, 240, "Other published guidance on harassment risk assessment", "Pass on incidents and banned customers at every handover; overlap shifts where risk is high.", "Shift handovers" },
                    { "HOURS-CONTROL", "Where a manager decides who gets hours, tips or bonuses, people may put up with harassment to keep them.", true, 0, 250, "Other published guidance on harassment risk assessment", "Transparent rules for allocating hours and incentives; a second person reviews allocations; reporting routes outside the line.", "Managers' control over hours and incentives" },
                    { "INSECURE", "Zero-hours, agency, fixed-term, probationary and contractor staff may fear losing work if they complain.", true, 4, 20, "EHRC technical guidance on sexual harassment (risk factors)", "Tell temporary and agency staff how to report on their first day; agree with agencies who handles a complaint; monitor whether insecure staff report at all.", "Job insecurity" },
                    { "LIGHTING", "Dark corridors, car parks and back rooms make harassment easier and leaving harder.", true, 0, 220, "Other published guidance on harassment risk assessment", "Survey lighting; fix dark spots; avoid sending staff alone to badly lit areas.", "Poor lighting" },
                    { "LONE", "People who work alone have nobody to witness, intervene or help, and may feel unable to leave.", true, 1, 30, "EHRC technical guidance on sexual harassment (risk factors)", "Check-in calls; personal alarms; a way to summon help; avoid lone working with customers who have behaved badly before.", "Lone working" },
                    { "MESSAGING", "Group chats, direct messages and social media can carry harassment outside working hours.", true, 0, 180, "Other published guidance on harassment risk assessment", "A social-media and messaging policy linked to the harassment policy; reports about messages are taken as seriously as in person.", "Staff messaging and social media" },
                    { "NIGHT", "Fewer managers and colleagues are around, and travel to and from work is less safe.", true, 2, 40, "EHRC technical guidance on sexual harassment (risk factors)", "A named manager on call; safe transport home; the reporting route works at night; lighting in car parks and entrances.", "Night or out-of-hours work" },
                    { "POLICY", "Without a clear policy people do not know what is unacceptable, how to report, or what will happen.", true, 0, 110, "EHRC technical guidance on sexual harassment (risk factors)", "A policy every worker has read and acknowledged; regular review; managers trained to apply it.", "Weak or missing policies" },
                    { "POWER", "Some people control others' hours, pay, shifts, promotion or references, which makes it harder to object or report.", true, 0, 10, "EHRC technical guidance on sexual harassment (risk factors)", "Check decisions on shifts and pay by a second person; several reporting routes that bypass the line manager; tell staff that reports about senior people are welcome.", "Power imbalances" },
                    { "RELATIONSHIPS", "Relationships between colleagues, especially where one manages the other, can lead to pressure and to harassment when they end.", true, 0, 190, "Other published guidance on harassment risk assessment", "A policy on declaring relationships with a manager in the reporting line; move line management where needed.", "Workplace relationships" },
                    { "SECONDMENT", "Seconded staff work away from their own managers and may not know whom to tell.", true, 0, 90, "EHRC technical guidance on sexual harassment (risk factors)", "Agree with the host who handles a complaint; give secondees the reporting routes of both organisations.", "Secondments" },
                    { "SOCIAL", "Parties and after-work drinks mix alcohol, hierarchy and a relaxed atmosphere.", true, 0, 130, "Acas guidance for employers on preventing sexual harassment", "Remind staff before events that the policy applies; a named manager who stays sober and in charge; safe transport home; a finish time.", "Work social events" },
                    { "TENSIONS", "Some events, such as major sporting fixtures or political events, are followed by more harassment.", true, 0, 70, "EHRC technical guidance on sexual harassment (risk factors)", "Plan extra cover and management presence on those days; brief staff beforehand; watch the incident log afterwards.", "Events that raise local or national tensions" },
                    { "TRAVEL", "Shared travel, hotels and evenings away from home blur the line between work and private time.", true, 0, 140, "Acas guidance for employers on preventing sexual harassment", "Separate rooms; no meetings in bedrooms; a contact to call at any hour; the policy covers trips.", "Work travel and overnight stays" },
                    { "VULNERABLE", "Young workers, apprentices, disabled staff, and those new to the UK or the job are targeted more and report less.", true, 0, 150, "Acas guidance for employers on preventing sexual harassment", "A named person to go to; check in with them; make reporting easy to understand; extra care with rotas that leave them alone.", "Staff who may be more vulnerable" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_secret_hash",
                table: "api_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_revisions_assessment_id_number",
                table: "assessment_revisions",
                columns: new[] { "assessment_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_type_entity_id",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_hash",
                table: "audit_entries",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_sequence",
                table: "audit_entries",
                column: "sequence",
                unique: true);

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
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employees_department_id",
                table: "employees",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_employees_employee_number",
                table: "employees",
                column: "employee_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employees_last_name_first_name",
                table: "employees",
                columns: new[] { "last_name", "first_name" });

            migrationBuilder.CreateIndex(
                name: "ix_employees_site_id",
                table: "employees",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_factor_ratings_factor_code",
                table: "factor_ratings",
                column: "factor_code");

            migrationBuilder.CreateIndex(
                name: "ix_factor_ratings_revision_id_factor_code",
                table: "factor_ratings",
                columns: new[] { "revision_id", "factor_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_claims_role_id",
                table: "identity_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "identity_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_claims_user_id",
                table: "identity_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_logins_user_id",
                table: "identity_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_roles_role_id",
                table: "identity_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "identity_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "identity_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invitations_secret_hash",
                table: "invitations",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invitations_user_id",
                table: "invitations",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_job_started_at_utc",
                table: "job_runs",
                columns: new[] { "job", "started_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_manager_scopes_department_id",
                table: "manager_scopes",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_manager_scopes_site_id",
                table: "manager_scopes",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_manager_scopes_user_id_site_id_department_id",
                table: "manager_scopes",
                columns: new[] { "user_id", "site_id", "department_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_subject",
                table: "notifications",
                column: "subject");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_read_at_utc",
                table: "notifications",
                columns: new[] { "user_id", "read_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_singleton_key",
                table: "organisations",
                column: "singleton_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_created_at_utc",
                table: "outbox_messages",
                column: "created_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at_utc",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_subject_key",
                table: "outbox_messages",
                column: "subject_key");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_deliveries_recipient_id_kind_subject_due_on",
                table: "reminder_deliveries",
                columns: new[] { "recipient_id", "kind", "subject", "due_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_deliveries_subject",
                table: "reminder_deliveries",
                column: "subject");

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

            migrationBuilder.CreateIndex(
                name: "ix_risk_actions_assessment_id",
                table: "risk_actions",
                column: "assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_actions_factor_code",
                table: "risk_actions",
                column: "factor_code");

            migrationBuilder.CreateIndex(
                name: "ix_risk_actions_status_due_date",
                table: "risk_actions",
                columns: new[] { "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessments_department_id",
                table: "risk_assessments",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessments_next_review_due",
                table: "risk_assessments",
                column: "next_review_due");

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessments_site_id",
                table: "risk_assessments",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_sites_name",
                table: "sites",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_third_party_incidents_affected_employee_id",
                table: "third_party_incidents",
                column: "affected_employee_id");

            migrationBuilder.CreateIndex(
                name: "ix_third_party_incidents_risk_assessment_id",
                table: "third_party_incidents",
                column: "risk_assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_third_party_incidents_site_id_occurred_on",
                table: "third_party_incidents",
                columns: new[] { "site_id", "occurred_on" });

            // The audit trail is append-only: the database itself refuses to change or delete an entry. (SQLite has
            // no TRUNCATE: a DELETE without a condition fires the trigger like any other.)
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                """);

            // An approved revision is frozen in the database too: neither it nor its ratings can be changed, removed
            // or added to.
            migrationBuilder.Sql("""
                CREATE TRIGGER assessment_revisions_frozen_update BEFORE UPDATE ON assessment_revisions WHEN OLD.status = 2
                BEGIN SELECT RAISE(ABORT, 'an approved revision of an assessment cannot be changed'); END;
                CREATE TRIGGER assessment_revisions_frozen_delete BEFORE DELETE ON assessment_revisions WHEN OLD.status = 2
                BEGIN SELECT RAISE(ABORT, 'an approved revision of an assessment cannot be changed'); END;
                CREATE TRIGGER factor_ratings_frozen_update BEFORE UPDATE ON factor_ratings
                WHEN EXISTS (SELECT 1 FROM assessment_revisions r WHERE r.id = OLD.revision_id AND r.status = 2)
                BEGIN SELECT RAISE(ABORT, 'the ratings of an approved revision cannot be changed'); END;
                CREATE TRIGGER factor_ratings_frozen_delete BEFORE DELETE ON factor_ratings
                WHEN EXISTS (SELECT 1 FROM assessment_revisions r WHERE r.id = OLD.revision_id AND r.status = 2)
                BEGIN SELECT RAISE(ABORT, 'the ratings of an approved revision cannot be changed'); END;
                CREATE TRIGGER factor_ratings_insert_frozen BEFORE INSERT ON factor_ratings
                WHEN EXISTS (SELECT 1 FROM assessment_revisions r WHERE r.id = NEW.revision_id AND r.status = 2)
                BEGIN SELECT RAISE(ABORT, 'a rating cannot be added to an approved revision'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "case_assignments");

            migrationBuilder.DropTable(
                name: "case_entries");

            migrationBuilder.DropTable(
                name: "case_exclusions");

            migrationBuilder.DropTable(
                name: "case_file_blobs");

            migrationBuilder.DropTable(
                name: "factor_ratings");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "job_runs");

            migrationBuilder.DropTable(
                name: "key_ring");

            migrationBuilder.DropTable(
                name: "mail_settings");

            migrationBuilder.DropTable(
                name: "manager_scopes");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "reminder_deliveries");

            migrationBuilder.DropTable(
                name: "risk_actions");

            migrationBuilder.DropTable(
                name: "case_files");

            migrationBuilder.DropTable(
                name: "assessment_revisions");

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "risk_factors");

            migrationBuilder.DropTable(
                name: "report_cases");

            migrationBuilder.DropTable(
                name: "third_party_incidents");

            migrationBuilder.DropTable(
                name: "employees");

            migrationBuilder.DropTable(
                name: "risk_assessments");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "sites");
        }
    }
}
