using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class CaseFileOriginals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "clean_problem",
                table: "case_files",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "has_clean_copy",
                table: "case_files",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "original_sha256",
                table: "case_files",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "clean_problem",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "has_clean_copy",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "original_sha256",
                table: "case_files");
        }
    }
}
