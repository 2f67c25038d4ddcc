using System.Net;
using System.Text;
using Compliance.Core.Cases;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

public sealed class MonitoringTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private async Task ReportsAsync(int anonymous, int confidential, DateOnly on)
    {
        await using var db = app.NewDbContext();
        for (var i = 0; i < anonymous + confidential; i++)
        {
            var mode = i < anonymous ? ReportingMode.Anonymous : ReportingMode.Confidential;
            db.ReportCases.Add(new ReportCase($"M{on:MMdd}-{i:D3}", Guid.NewGuid().ToByteArray(), [1, 2, 3], mode, ReporterRole.PersonAffected, IncidentPlace.AtSite,
                app.HomeSite, InvolvedParties.Colleague, Answer.No, false, on, CaseFlags.None));
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Counts_from_1_to_4_show_as_fewer_than_5_a_second_figure_is_withheld_against_subtraction_and_the_export_says_the_same()
    {
        await ReportsAsync(3, 7, app.Today);
        var html = await app.Director.GetPageAsync("/position/monitoring");
        var text = Html.Text(html);
        text.Should().Contain("10 reports received");
        var quarter = MonitoringFigures.Quarters(app.Today, app.Today).Single().Label;
        // Anonymous 3 is small; confidential 7 beside it would give it away from the row's total of 10, so it is withheld.
        text.Should().Contain($"{quarter} fewer than 5 withheld 10");
        // Who was involved: every report named a colleague (10), and no total is given for these.
        text.Should().Contain("A colleague 10");
        text.Should().Contain("Time to acknowledge: No cases yet.");
        text.Should().Contain("Harbour Hotel");

        var csv = await app.Director.GetAsync("/position/monitoring?handler=Csv");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n").Select(l => l.TrimStart('\uFEFF')).ToList();
        lines.Should().Contain($"Reports by quarter and channel,{quarter},Anonymous,fewer than 5");
        lines.Should().Contain($"Reports by quarter and channel,{quarter},Confidential,withheld");
        lines.Should().Contain($"Reports by quarter and channel,{quarter},Total,10");
        lines.Should().NotContain(l => l.StartsWith("Reports by quarter and channel,") && (l.EndsWith(",3") || l.EndsWith(",7")));
        await using (var db = app.NewDbContext()) (await db.AuditEntries.CountAsync(a => a.Action == "monitoring.exported")).Should().Be(1);
    }

    [Theory]
    [InlineData("From", "32/01/2026", "is not a date")]
    [InlineData("To", "01/01/2999", "The end of the period cannot be in the future.")]
    [InlineData("From", "01/01/2010", "Choose a period of five years or less.")]
    public async Task A_bad_period_is_named_against_its_field(string field, string value, string message)
    {
        var response = await app.HrManager.GetAsync($"/position/monitoring?{field}={Uri.EscapeDataString(value)}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain($"id=\"{field}-error\"");
        Html.Text(html).Should().Contain(message).And.NotContain("reports received");
        (await app.HrManager.GetAsync($"/position/monitoring?handler=Csv&{field}={Uri.EscapeDataString(value)}")).Content.Headers.ContentType!.MediaType.Should().Be("text/html");
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
