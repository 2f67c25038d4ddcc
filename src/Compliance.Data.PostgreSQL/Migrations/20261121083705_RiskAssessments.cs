using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class RiskAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scope_description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_review_due = table.Column<DateOnly>(type: "date", nullable: true),
                    review_flagged_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    review_flag_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    approved_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    approved_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approved_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_content = table.Column<string>(type: "text", nullable: true),
                    approved_content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    raised_in_revision = table.Column<int>(type: "integer", nullable: false),
                    factor_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    completion_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "factor_ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    revision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    factor_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    applies = table.Column<bool>(type: "boolean", nullable: false),
                    who_is_at_risk = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    likelihood = table.Column<int>(type: "integer", nullable: true),
                    severity = table.Column<int>(type: "integer", nullable: true),
                    controls_in_place = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

            migrationBuilder.CreateIndex(
                name: "ix_assessment_revisions_assessment_id_number",
                table: "assessment_revisions",
                columns: new[] { "assessment_id", "number" },
                unique: true);

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

            // An approved revision is frozen in the database too: neither it nor its ratings can be changed or removed.
            migrationBuilder.Sql("""
                CREATE FUNCTION approved_revisions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'assessment_revisions' THEN
                        IF OLD.status = 2 THEN
                            RAISE EXCEPTION 'revision % of an assessment is approved and cannot be changed', OLD.number;
                        END IF;
                    ELSIF EXISTS (SELECT 1 FROM assessment_revisions r WHERE r.id = OLD.revision_id AND r.status = 2) THEN
                        RAISE EXCEPTION 'the ratings of an approved revision cannot be changed';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER assessment_revisions_frozen BEFORE UPDATE OR DELETE ON assessment_revisions
                    FOR EACH ROW EXECUTE FUNCTION approved_revisions_frozen();
                CREATE TRIGGER factor_ratings_frozen BEFORE UPDATE OR DELETE ON factor_ratings
                    FOR EACH ROW EXECUTE FUNCTION approved_revisions_frozen();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS factor_ratings_frozen ON factor_ratings; DROP TRIGGER IF EXISTS assessment_revisions_frozen ON assessment_revisions; DROP FUNCTION IF EXISTS approved_revisions_frozen();");
            migrationBuilder.DropTable(
                name: "factor_ratings");

            migrationBuilder.DropTable(
                name: "risk_actions");

            migrationBuilder.DropTable(
                name: "assessment_revisions");

            migrationBuilder.DropTable(
                name: "risk_assessments");
        }
    }
}
