using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class CaseEntryNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_case_entries_case_id",
                table: "case_entries");

            migrationBuilder.AddColumn<int>(
                name: "number",
                table: "case_entries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Each case's entries numbered in the order they were shown until now: by day, the report first, then
            // by the handler's time (a reporter's message, which keeps none, first), then as stored.
            migrationBuilder.Sql("""
                UPDATE case_entries SET number = numbered.n
                FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY case_id
                        ORDER BY written_on, CASE WHEN kind = 1 THEN 0 ELSE 1 END, written_at_utc NULLS FIRST, ctid) AS n
                      FROM case_entries) AS numbered
                WHERE case_entries.id = numbered.id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_case_entries_case_id_number",
                table: "case_entries",
                columns: new[] { "case_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_case_entries_case_id_number",
                table: "case_entries");

            migrationBuilder.DropColumn(
                name: "number",
                table: "case_entries");

            migrationBuilder.CreateIndex(
                name: "ix_case_entries_case_id",
                table: "case_entries",
                column: "case_id");
        }
    }
}
