using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Each case's entries numbered in the order they were shown until now: by day, the report first, then
            // by the handler's time (a reporter's message, which keeps none, first), then as stored.
            migrationBuilder.Sql("""
                UPDATE case_entries SET number = (
                    SELECT n FROM (
                        SELECT id AS entry_id, ROW_NUMBER() OVER (PARTITION BY case_id
                            ORDER BY written_on, CASE WHEN kind = 1 THEN 0 ELSE 1 END, written_at_utc NULLS FIRST, rowid) AS n
                        FROM case_entries)
                    WHERE entry_id = case_entries.id);
                """);

            // Case material gets a random place in its table as soon as it is written, so the order the rows sit in
            // (SQLite's hidden row id, read by anyone with the file) says nothing of which report or message came
            // after which. The conversation's order is the number above.
            foreach (var table in RandomRowOrder)
            {
                migrationBuilder.Sql($"UPDATE {table} SET rowid = random();");
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_random_row_order AFTER INSERT ON {table}
                    BEGIN
                        UPDATE {table} SET rowid = random() WHERE rowid = NEW.rowid;
                    END;
                    """);
            }

            migrationBuilder.CreateIndex(
                name: "ix_case_entries_case_id_number",
                table: "case_entries",
                columns: new[] { "case_id", "number" },
                unique: true);
        }

        /// <summary>The tables of case material whose rows are put in a random place as they are written.</summary>
        public static readonly string[] RandomRowOrder = ["report_cases", "case_entries", "case_files", "case_file_blobs"];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in RandomRowOrder)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_random_row_order;");
            }

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
