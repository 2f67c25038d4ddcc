using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class MailSecurityAndHangfire : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // STARTTLS on or off becomes one of three: none (0), STARTTLS (1), TLS from the start (2).
            migrationBuilder.AddColumn<int>(
                name: "security",
                table: "mail_settings",
                type: "integer",
                nullable: false,
                defaultValue: 1);
            migrationBuilder.Sql("UPDATE mail_settings SET security = CASE WHEN start_tls THEN 1 ELSE 0 END");
            migrationBuilder.DropColumn(
                name: "start_tls",
                table: "mail_settings");

            // The jobs moved to Hangfire, whose tables live in their own schema (made at start); the old scheduler's go.
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_paused_job_grps, qrtz_scheduler_state, qrtz_locks, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_triggers, qrtz_job_details, qrtz_calendars, qrtz_execution_history, qrtz_misfire_history, qrtz_job_status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SchedulerTablesScript.Create);
            migrationBuilder.AddColumn<bool>(
                name: "start_tls",
                table: "mail_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true);
            migrationBuilder.Sql("UPDATE mail_settings SET start_tls = security <> 0");
            migrationBuilder.DropColumn(
                name: "security",
                table: "mail_settings");
        }
    }
}
