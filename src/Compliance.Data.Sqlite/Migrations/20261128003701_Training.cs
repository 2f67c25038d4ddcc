using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Training : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "courses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    where_to_take = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    audience = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_ids = table.Column<string>(type: "TEXT", nullable: false),
                    refresh_months = table.Column<int>(type: "INTEGER", nullable: false),
                    joiner_days = table.Column<int>(type: "INTEGER", nullable: false),
                    requires_pass = table.Column<bool>(type: "INTEGER", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_courses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "course_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    course_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    topics = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_course_versions_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    course_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    about_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_reminders_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_reminders_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_completions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    course_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    course_version_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source = table.Column<int>(type: "INTEGER", nullable: false),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_completions", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_completions_course_versions_course_version_id",
                        column: x => x.course_version_id,
                        principalTable: "course_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_completions_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_completions_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_course_versions_course_id_number",
                table: "course_versions",
                columns: new[] { "course_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_courses_activity_id",
                table: "courses",
                column: "activity_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_courses_code",
                table: "courses",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_completions_course_id_employee_id_completed_on",
                table: "training_completions",
                columns: new[] { "course_id", "employee_id", "completed_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_completions_course_version_id",
                table: "training_completions",
                column: "course_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_completions_employee_id",
                table: "training_completions",
                column: "employee_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_reminders_course_id_employee_id_kind_about_on",
                table: "training_reminders",
                columns: new[] { "course_id", "employee_id", "kind", "about_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_reminders_employee_id",
                table: "training_reminders",
                column: "employee_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_completions");

            migrationBuilder.DropTable(
                name: "training_reminders");

            migrationBuilder.DropTable(
                name: "course_versions");

            migrationBuilder.DropTable(
                name: "courses");
        }
    }
}
