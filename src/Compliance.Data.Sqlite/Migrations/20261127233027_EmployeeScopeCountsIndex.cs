using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EmployeeScopeCountsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_employees_site_id",
                table: "employees");

            migrationBuilder.CreateIndex(
                name: "ix_employees_scope_counts",
                table: "employees",
                columns: new[] { "site_id", "department_id", "is_manager", "is_customer_facing", "start_date", "leaving_date", "work_email", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_employees_scope_counts",
                table: "employees");

            migrationBuilder.CreateIndex(
                name: "ix_employees_site_id",
                table: "employees",
                column: "site_id");
        }
    }
}
