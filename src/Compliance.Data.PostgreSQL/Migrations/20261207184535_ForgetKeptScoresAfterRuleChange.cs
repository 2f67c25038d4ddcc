using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <summary>Forgets the trend's kept scores after the scoring rules changed, so they are worked out again.</summary>
    public partial class ForgetKeptScoresAfterRuleChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The kept month ends are a cache of the scores; the rules for training (a course counts from its own
            // dated records) and third parties (incidents counted by the day they happened) changed, so they are
            // worked out again from the records on the next visit or daily run.
            migrationBuilder.Sql("DELETE FROM position_snapshots;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
