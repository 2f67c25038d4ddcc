using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LegalTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "legal_provisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    meaning = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    changed_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    changed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_provisions", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "legal_provisions",
                columns: new[] { "id", "changed_at_utc", "changed_by_name", "effective_from", "key", "meaning", "note", "source", "status", "title" },
                values: new object[,]
                {
                    { new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000001"), null, null, new DateOnly(2024, 10, 26), "reasonable-steps", "Employers must take reasonable steps to prevent sexual harassment of their employees in the course of their employment. A tribunal may raise compensation by up to 25% where the duty was breached.", null, "Equality Act 2010 s.40A, inserted by the Worker Protection (Amendment of Equality Act 2010) Act 2023", 1, "Duty to take reasonable steps to prevent sexual harassment" },
                    { new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000002"), null, null, new DateOnly(2026, 10, 1), "all-reasonable-steps", "The duty becomes one to take all reasonable steps, and an employer is liable if it fails to take all reasonable steps to stop a third party (a customer, client or contractor) harassing its employees.", null, "Employment Rights Act 2025 (amending Equality Act 2010 ss.40 and 40A); the government's roadmap plans October 2026, commencement regulations not yet confirmed", 0, "Duty to take all reasonable steps, and liability for harassment by third parties" },
                    { new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000003"), null, null, new DateOnly(2026, 4, 6), "protected-disclosures", "A worker who discloses that sexual harassment has occurred, is occurring or is likely to occur can be protected from detriment as a whistleblower.", null, "Employment Rights Act 1996 s.43B(1)(da), inserted by the Employment Rights Act 2025 s.23; commenced by SI 2026/323", 1, "Disclosures about sexual harassment can be protected disclosures" },
                    { new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000004"), null, null, null, "confidentiality-clauses", "Agreements that stop a worker speaking about harassment or discrimination, or how the employer responded to it, are void unless they are excepted agreements.", null, "Employment Rights Act 1996 s.202A, inserted by the Employment Rights Act 2025 s.24; planned for 2027", 0, "Confidentiality clauses cannot stop workers speaking about harassment" },
                    { new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000005"), null, null, null, "specified-steps", "Regulations may say which steps are to be regarded as reasonable. None have been published yet.", null, "Employment Rights Act 2025 (power to specify steps, amending Equality Act 2010 s.40A)", 0, "Regulations specifying the steps that are reasonable" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_legal_provisions_key",
                table: "legal_provisions",
                column: "key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "legal_provisions");
        }
    }
}
