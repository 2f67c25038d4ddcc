using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MailSecurityAndHangfire : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // STARTTLS on (1) or off (0) becomes one of three with the same numbers: none (0), STARTTLS (1), TLS from
            // the start (2). SQLite keeps both as integers, so the column only changes its name.
            migrationBuilder.RenameColumn(
                name: "start_tls",
                table: "mail_settings",
                newName: "security");

            // The jobs moved to Hangfire, kept in memory with SQLite; the old scheduler's tables go, where a database
            // made before this change has them. Children before parents, as the foreign keys require.
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_fired_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_paused_trigger_grps");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_paused_job_grps");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_scheduler_state");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_locks");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_simple_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_cron_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_simprop_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_blob_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_triggers");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_job_details");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_calendars");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_execution_history");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_misfire_history");
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_job_status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "security",
                table: "mail_settings",
                newName: "start_tls");
            migrationBuilder.Sql("UPDATE mail_settings SET start_tls = CASE WHEN start_tls = 0 THEN 0 ELSE 1 END");
        }
    }
}
