using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EvidencePacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_packs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    named = table.Column<bool>(type: "INTEGER", nullable: false),
                    requested_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    requested_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    chapter = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    percent = table.Column<int>(type: "INTEGER", nullable: false),
                    claimed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    generated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    companion = table.Column<byte[]>(type: "BLOB", nullable: true),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    page_count = table.Column<int>(type: "INTEGER", nullable: false),
                    audit_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_packs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_packs_requested_at_utc",
                table: "evidence_packs",
                column: "requested_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_packs_sha256",
                table: "evidence_packs",
                column: "sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_packs");
        }
    }
}
