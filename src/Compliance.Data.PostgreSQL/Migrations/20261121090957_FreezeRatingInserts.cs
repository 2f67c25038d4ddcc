using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class FreezeRatingInserts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A rating cannot be added to a revision once it is approved: the approved content and its hash would no longer describe it.
            migrationBuilder.Sql("""
                CREATE FUNCTION ratings_of_approved_revisions_refused() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM assessment_revisions r WHERE r.id = NEW.revision_id AND r.status = 2) THEN
                        RAISE EXCEPTION 'a rating cannot be added to an approved revision';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER factor_ratings_insert_frozen BEFORE INSERT ON factor_ratings
                    FOR EACH ROW EXECUTE FUNCTION ratings_of_approved_revisions_refused();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS factor_ratings_insert_frozen ON factor_ratings; DROP FUNCTION IF EXISTS ratings_of_approved_revisions_refused();");
        }
    }
}
