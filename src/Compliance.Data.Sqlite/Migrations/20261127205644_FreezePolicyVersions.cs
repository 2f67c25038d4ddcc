using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FreezePolicyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite drops a column in place (3.35 and later): no rebuild of the table, which raw SQL after it would not wait for.
            migrationBuilder.Sql("ALTER TABLE policy_recipients DROP COLUMN manager_told_on;");

            // A version's text and hash are frozen once a director approves it, and what it was published as once it
            // is published; it can still be superseded. An acknowledgement, once recorded, is never changed or removed.
            migrationBuilder.Sql("""
                CREATE TRIGGER policy_versions_frozen_update BEFORE UPDATE ON policy_versions
                WHEN (OLD.status >= 3 AND (NEW.text IS NOT OLD.text OR NEW.content_hash IS NOT OLD.content_hash OR NEW.number IS NOT OLD.number
                        OR NEW.policy_id IS NOT OLD.policy_id OR NEW.approved_at_utc IS NOT OLD.approved_at_utc OR NEW.approved_by_id IS NOT OLD.approved_by_id
                        OR NEW.status < OLD.status))
                    OR (OLD.status >= 4 AND (NEW.effective_on IS NOT OLD.effective_on OR NEW.audience IS NOT OLD.audience OR NEW.audience_ids IS NOT OLD.audience_ids
                        OR NEW.change IS NOT OLD.change OR NEW.acknowledgement_round IS NOT OLD.acknowledgement_round OR NEW.published_at_utc IS NOT OLD.published_at_utc
                        OR NEW.missing_sections IS NOT OLD.missing_sections OR NEW.missing_sections_reason IS NOT OLD.missing_sections_reason))
                BEGIN SELECT RAISE(ABORT, 'an approved or published version of a policy cannot be changed'); END;
                CREATE TRIGGER policy_versions_frozen_delete BEFORE DELETE ON policy_versions WHEN OLD.status >= 3
                BEGIN SELECT RAISE(ABORT, 'an approved or published version of a policy cannot be removed'); END;
                CREATE TRIGGER policy_acknowledgements_frozen_update BEFORE UPDATE ON policy_acknowledgements
                BEGIN SELECT RAISE(ABORT, 'an acknowledgement cannot be changed or removed'); END;
                CREATE TRIGGER policy_acknowledgements_frozen_delete BEFORE DELETE ON policy_acknowledgements
                BEGIN SELECT RAISE(ABORT, 'an acknowledgement cannot be changed or removed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS policy_versions_frozen_update; DROP TRIGGER IF EXISTS policy_versions_frozen_delete;
                DROP TRIGGER IF EXISTS policy_acknowledgements_frozen_update; DROP TRIGGER IF EXISTS policy_acknowledgements_frozen_delete;
                """);
            migrationBuilder.AddColumn<DateOnly>(
                name: "manager_told_on",
                table: "policy_recipients",
                type: "TEXT",
                nullable: true);
        }
    }
}
