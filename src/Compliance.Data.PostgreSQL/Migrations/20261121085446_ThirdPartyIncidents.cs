using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ThirdPartyIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "third_party_incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_type = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    is_sexual = table.Column<bool>(type: "boolean", nullable: false),
                    affected_employee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    responses = table.Column<int>(type: "integer", nullable: false),
                    responded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    logged_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    logged_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    logged_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    risk_assessment_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_third_party_incidents", x => x.id);
                    table.ForeignKey(
                        name: "fk_third_party_incidents_employees_affected_employee_id",
                        column: x => x.affected_employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_third_party_incidents_risk_assessments_risk_assessment_id",
                        column: x => x.risk_assessment_id,
                        principalTable: "risk_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_third_party_incidents_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_third_party_incidents_affected_employee_id",
                table: "third_party_incidents",
                column: "affected_employee_id");

            migrationBuilder.CreateIndex(
                name: "ix_third_party_incidents_risk_assessment_id",
                table: "third_party_incidents",
                column: "risk_assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_third_party_incidents_site_id_occurred_on",
                table: "third_party_incidents",
                columns: new[] { "site_id", "occurred_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "third_party_incidents");
        }
    }
}
