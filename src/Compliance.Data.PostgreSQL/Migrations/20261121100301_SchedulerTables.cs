using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class SchedulerTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The background scheduler's tables at the time (Quartz.NET 4.7.3's script for PostgreSQL, Apache-2.0),
            // kept here as it was so that the history replays; a later migration removes them.
            migrationBuilder.Sql(SchedulerTablesScript.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                DECLARE t text;
                BEGIN
                    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\_%' LOOP
                        EXECUTE format('DROP TABLE %I CASCADE', t);
                    END LOOP;
                END $$;
                """);
        }
    }
}
