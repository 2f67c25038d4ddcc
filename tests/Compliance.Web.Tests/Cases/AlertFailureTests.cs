using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>Its own database: the test makes the alerts' table refuse every row for a while.</summary>
public sealed class AlertFailureApp : CaseApp;

/// <summary>A report and its handlers' alerts are saved in one transaction; alerts that fail never take the report with them.</summary>
public sealed class AlertFailureTests(AlertFailureApp app) : IClassFixture<AlertFailureApp>
{
    private const string Refuse = """
        CREATE TRIGGER refuse_alerts BEFORE INSERT ON reminder_deliveries BEGIN SELECT RAISE(ABORT, 'alerts refused for the test'); END;
        """;

    private const string RefusePostgres = """
        CREATE FUNCTION refuse_alerts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alerts refused for the test'; END $$;
        CREATE TRIGGER refuse_alerts BEFORE INSERT ON reminder_deliveries FOR EACH ROW EXECUTE FUNCTION refuse_alerts();
        """;

    private async Task<(int Cases, int Alerts)> CountAsync(string reference)
    {
        await using var db = app.NewDbContext();
        var id = await db.ReportCases.Where(c => c.Reference == reference).Select(c => c.Id).SingleOrDefaultAsync();
        var subject = id.ToString();
        return (await db.ReportCases.CountAsync(c => c.Id == id), await db.ReminderDeliveries.CountAsync(d => d.Subject == subject));
    }

    [Fact]
    public async Task A_report_whose_alerts_cannot_be_queued_is_still_saved_and_acknowledged_and_the_next_one_alerts_again()
    {
        await TestDatabase.ExecuteAsync(app.ConnectionString, TestDatabase.IsSqlite ? Refuse : RefusePostgres);
        try
        {
            var (reference, key, _) = await app.ReportAsync(app.ReportFields("Kept although nobody could be told at once"));
            reference.Should().NotBeEmpty();
            key.Should().NotBeEmpty();
            (await CountAsync(reference)).Should().Be((1, 0));
            app.Logs.Should().Contain(l => l.Contains("Case handlers could not be told at once"));
        }
        finally
        {
            await TestDatabase.ExecuteAsync(app.ConnectionString,
                TestDatabase.IsSqlite ? "DROP TRIGGER refuse_alerts;" : "DROP TRIGGER refuse_alerts ON reminder_deliveries; DROP FUNCTION refuse_alerts();");
        }

        // With the table taking rows again, a report and its three handlers' alerts are saved together.
        var (next, _, _) = await app.ReportAsync(app.ReportFields("Told at once"));
        (await CountAsync(next)).Should().Be((1, 3));
    }
}
