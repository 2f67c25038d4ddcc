using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionPlanAndTrend : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<int>(type: "INTEGER", nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    completion_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    evidence_link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    evidence_file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    evidence_file = table.Column<byte[]>(type: "BLOB", nullable: true),
                    evidence_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "position_snapshots",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_position_snapshots", x => new { x.day, x.step });
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_due_date",
                table: "plan_actions",
                column: "due_date");

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_source_id",
                table: "plan_actions",
                column: "source_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_actions");

            migrationBuilder.DropTable(
                name: "position_snapshots");
        }
    }
}
