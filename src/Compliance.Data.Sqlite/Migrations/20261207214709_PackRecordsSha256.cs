using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PackRecordsSha256 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "records_sha256",
                table: "evidence_packs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_packs_records_sha256",
                table: "evidence_packs",
                column: "records_sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_evidence_packs_records_sha256",
                table: "evidence_packs");

            migrationBuilder.DropColumn(
                name: "records_sha256",
                table: "evidence_packs");
        }
    }
}
