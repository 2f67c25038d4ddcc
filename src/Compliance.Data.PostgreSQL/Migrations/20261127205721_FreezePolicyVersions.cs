using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class FreezePolicyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "manager_told_on",
                table: "policy_recipients");

            // A version's text and hash are frozen once a director approves it, and what it was published as once it
            // is published; it can still be superseded. An acknowledgement, once recorded, is never changed or removed.
            migrationBuilder.Sql("""
                CREATE FUNCTION policy_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.status >= 3 THEN RAISE EXCEPTION 'an approved or published version of a policy cannot be removed'; END IF;
                        RETURN OLD;
                    END IF;
                    IF (OLD.status >= 3 AND (NEW.text, NEW.content_hash, NEW.number, NEW.policy_id, NEW.approved_at_utc, NEW.approved_by_id)
                            IS DISTINCT FROM (OLD.text, OLD.content_hash, OLD.number, OLD.policy_id, OLD.approved_at_utc, OLD.approved_by_id) OR NEW.status < OLD.status)
                        OR (OLD.status >= 4 AND (NEW.effective_on, NEW.audience, NEW.audience_ids, NEW.change, NEW.acknowledgement_round, NEW.published_at_utc,
                            NEW.missing_sections, NEW.missing_sections_reason) IS DISTINCT FROM (OLD.effective_on, OLD.audience, OLD.audience_ids, OLD.change,
                            OLD.acknowledgement_round, OLD.published_at_utc, OLD.missing_sections, OLD.missing_sections_reason)) THEN
                        RAISE EXCEPTION 'an approved or published version of a policy cannot be changed';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER policy_versions_frozen BEFORE UPDATE OR DELETE ON policy_versions FOR EACH ROW EXECUTE FUNCTION policy_versions_frozen();
                CREATE FUNCTION policy_acknowledgements_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'an acknowledgement cannot be changed or removed'; END $$;
                CREATE TRIGGER policy_acknowledgements_frozen BEFORE UPDATE OR DELETE ON policy_acknowledgements FOR EACH ROW EXECUTE FUNCTION policy_acknowledgements_frozen();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS policy_versions_frozen ON policy_versions; DROP FUNCTION IF EXISTS policy_versions_frozen();
                DROP TRIGGER IF EXISTS policy_acknowledgements_frozen ON policy_acknowledgements; DROP FUNCTION IF EXISTS policy_acknowledgements_frozen();
                """);
            migrationBuilder.AddColumn<DateOnly>(
                name: "manager_told_on",
                table: "policy_recipients",
                type: "date",
                nullable: true);
        }
    }
}
