using System.Net;
using System.Text;
using Compliance.Core.Cases;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

/// <summary>Reports written straight to the database with a known day and channel, as the monitoring figures count them.</summary>
internal static class PlantedReports
{
    private static int _planted;

    public static async Task AddAsync(TrainingApp app, int anonymous, int confidential, DateOnly on)
    {
        await using var db = app.NewDbContext();
        for (var i = 0; i < anonymous + confidential; i++)
        {
            var mode = i < anonymous ? ReportingMode.Anonymous : ReportingMode.Confidential;
            db.ReportCases.Add(new ReportCase($"P-{Interlocked.Increment(ref _planted):D6}", Guid.NewGuid().ToByteArray(), [1, 2, 3], mode, ReporterRole.PersonAffected,
                IncidentPlace.AtSite, app.HomeSite, InvolvedParties.Colleague, Answer.No, false, on, CaseFlags.None));
        }
        await db.SaveChangesAsync();
    }
}

public sealed class MonitoringTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private Task ReportsAsync(int anonymous, int confidential, DateOnly on) => PlantedReports.AddAsync(app, anonymous, confidential, on);

    /// <summary>The last day of the last quarter that has ended: the monitoring page shows whole quarters only.</summary>
    private DateOnly LastQuarterEnd => new DateOnly(app.Today.Year, ((app.Today.Month - 1) / 3 * 3) + 1, 1).AddDays(-1);

    [Fact]
    public async Task Counts_from_1_to_4_show_as_fewer_than_5_a_second_figure_is_withheld_against_subtraction_and_the_export_says_the_same()
    {
        var day = LastQuarterEnd;
        await ReportsAsync(3, 7, day);
        // A report this quarter is not counted until the quarter ends: comparing days would tell when it came.
        await ReportsAsync(0, 1, app.Today);
        var html = await app.Director.GetPageAsync("/position/monitoring");
        var text = Html.Text(html);
        text.Should().Contain("10 reports received");
        var quarter = MonitoringFigures.Quarters(day, day).Single().Label;
        // Anonymous 3 is small; confidential 7 beside it would give it away from the row's total of 10, so it is withheld.
        text.Should().Contain($"{quarter} fewer than 5 withheld 10");
        // Who was involved: every report named a colleague (10 of 10), none a manager (0 of 10): both can be shown.
        text.Should().Contain("A colleague 10").And.Contain("A manager or someone more senior 0");
        text.Should().Contain("Time to acknowledge: No cases yet.");
        text.Should().Contain("Sites with 5 or more reports Harbour Hotel");

        var csv = await app.Director.GetAsync("/position/monitoring?handler=Csv");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n").Select(l => l.TrimStart('\uFEFF')).ToList();
        lines.Should().Contain($"Reports by quarter and channel,{quarter},Anonymous,fewer than 5");
        lines.Should().Contain($"Reports by quarter and channel,{quarter},Confidential,withheld");
        lines.Should().Contain($"Reports by quarter and channel,{quarter},Total,10");
        lines.Should().NotContain(l => l.StartsWith("Reports by quarter and channel,") && (l.EndsWith(",3") || l.EndsWith(",7")));
        await using (var db = app.NewDbContext()) (await db.AuditEntries.CountAsync(a => a.Action == "monitoring.exported")).Should().Be(1);

        // Two more reports naming a manager as well: 12 name a colleague, 2 a manager (small), and the 10 who named
        // no manager cannot be shown either, or 12 - 10 would give the 2 away.
        await using (var db = app.NewDbContext())
        {
            foreach (var i in new[] { 1, 2 })
            {
                db.ReportCases.Add(new ReportCase($"MX-{i}", Guid.NewGuid().ToByteArray(), [1], ReportingMode.Confidential, ReporterRole.Witness, IncidentPlace.Online,
                    app.HomeSite, InvolvedParties.Colleague | InvolvedParties.Manager, Answer.No, false, day, CaseFlags.None));
            }
            await db.SaveChangesAsync();
        }
        var after = Html.Text(await app.Director.GetPageAsync("/position/monitoring"));
        after.Should().Contain("A colleague 12").And.Contain("A manager or someone more senior fewer than 5");
        MonitoringTable.Separate("t", "T", "Who", ["A", "B"], "Reports", [10, 2], 12).Counts.Cells.Select(c => c[0].Disclosure)
            .Should().Equal(Disclosure.Withheld, Disclosure.FewerThanFive);
    }

    [Theory]
    [InlineData("From", "2026-Q7", "Choose a quarter from the list")]
    [InlineData("To", "current", "Choose a quarter from the list")]
    [InlineData("From", "latest", "The first quarter must not be after the last.")]
    public async Task A_bad_period_is_named_against_its_field(string field, string value, string message)
    {
        var thisQuarter = $"{app.Today.Year}-Q{((app.Today.Month - 1) / 3) + 1}";
        var last = $"{LastQuarterEnd.Year}-Q{((LastQuarterEnd.Month - 1) / 3) + 1}";
        var earlier = LastQuarterEnd.AddMonths(-3);
        var query = value switch
        {
            "current" => $"To={thisQuarter}",
            "latest" => $"From={last}&To={earlier.Year}-Q{((earlier.Month - 1) / 3) + 1}",
            _ => $"{field}={Uri.EscapeDataString(value)}",
        };
        var response = await app.HrManager.GetAsync($"/position/monitoring?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain($"id=\"{field}-error\"");
        Html.Text(html).Should().Contain(message).And.NotContain("reports received");
        (await app.HrManager.GetAsync($"/position/monitoring?handler=Csv&{query}")).Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Fact]
    public async Task The_trend_keeps_each_month_end_once_from_the_evidence_and_the_daily_job_adds_yesterday()
    {
        var page = Html.Text(await app.HrManager.GetPageAsync("/position"));
        page.Should().Contain("Scores at the end of each month, and today");
        var monthEnds = PositionTrend.MonthEnds(app.Today);
        monthEnds.Should().HaveCount(12).And.BeInAscendingOrder();
        monthEnds.Last().Should().Be(new DateOnly(app.Today.Year, app.Today.Month, 1).AddDays(-1));
        foreach (var day in monthEnds) page.Should().Contain(Core.UkDates.Long(day));
        List<PositionSnapshot> kept;
        await using (var db = app.NewDbContext()) kept = await db.PositionSnapshots.AsNoTracking().OrderBy(s => s.Day).ThenBy(s => s.Step).ToListAsync();
        kept.Select(s => s.Day).Distinct().Should().Equal(monthEnds);
        // What is kept is what the evidence gives for that day.
        var recomputed = await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(monthEnds[5]));
        kept.Where(s => s.Day == monthEnds[5]).Select(s => (s.Step, s.Score)).Should().BeEquivalentTo(recomputed.Select(s => (s.Step, s.Score)));

        await app.HrManager.GetPageAsync("/position");
        await using (var db = app.NewDbContext()) (await db.PositionSnapshots.CountAsync()).Should().Be(kept.Count);
        var added = await app.WithServiceAsync<PositionTrend, int>(t => t.RecordDueAsync());
        added.Should().Be(monthEnds.Contains(app.Today.AddDays(-1)) ? 0 : 1);
        await using (var db = app.NewDbContext()) (await db.PositionSnapshots.AnyAsync(s => s.Day == app.Today.AddDays(-1))).Should().BeTrue();
        (await app.WithServiceAsync<PositionTrend, int>(t => t.RecordDueAsync())).Should().Be(0);
    }
}
