using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeasureUses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "measure_uses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    template_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    template_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    where = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    used_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    text_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_uses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measure_uses_used_from",
                table: "measure_uses",
                column: "used_from");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measure_uses");
        }
    }
}
