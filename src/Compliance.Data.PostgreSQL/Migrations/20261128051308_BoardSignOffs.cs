using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class BoardSignOffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "board_sign_offs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    meeting = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attendees = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    decisions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    scores_seen = table.Column<string>(type: "text", nullable: false),
                    signed_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_sign_offs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_board_sign_offs_reviewed_on",
                table: "board_sign_offs",
                column: "reviewed_on");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "board_sign_offs");
        }
    }
}
