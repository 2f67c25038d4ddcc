using System.Net;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

public sealed class EngagementTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private static List<KeyValuePair<string, string>> Form(string kind, string on, string title, string audience, string reached, string summary, string link = "") =>
        [new("Input.Kind", kind), new("Input.HeldOn", on), new("Input.Title", title), new("Input.Audience", audience), new("Input.Reached", reached), new("Input.Summary", summary), new("Input.Link", link)];

    private Task<StepScore> Step2Async(DateOnly day) =>
        app.WithServiceAsync<StepEvidence, StepScore>(async e => (await e.ScoresOnAsync(day)).Single(s => s.Step == ReasonableStep.EngagingStaff));

    [Fact]
    public async Task A_survey_recorded_by_an_HR_manager_scores_step_2_from_its_date_and_bad_fields_are_named_with_nothing_kept()
    {
        var on = app.Today.AddDays(-10).ToString("dd/MM/yyyy");
        (await Step2Async(app.Today)).Score.Should().Be(0);
        foreach (var (fields, message) in new[]
        {
            (Form("", on, "Staff survey 2026", "All staff", "212", "Most feel safe"), "Choose what kind of activity it was."),
            (Form("7", on, "Staff survey 2026", "All staff", "212", "Most feel safe"), "Choose what kind of activity it was."),
            (Form("Survey", app.Today.AddDays(1).ToString("dd/MM/yyyy"), "Staff survey 2026", "All staff", "212", "Most feel safe"), "the date cannot be in the future."),
            (Form("Survey", on, "", "All staff", "212", "Most feel safe"), "Give the activity a title"),
            (Form("Survey", on, "Staff survey 2026", "All staff", "lots", "Most feel safe"), "Enter a whole number of people, or leave it blank."),
            (Form("Survey", on, "Staff survey 2026", "All staff", "212", " "), "Say what was found or said"),
            (Form("Survey", on, "Staff survey 2026", "All staff", "212", "Most feel safe", "javascript:alert(1)"), "Enter a web address starting https://"),
            (Form("Survey", on, "Staff survey 2026", "All staff", "1,212", "Most feel safe"), "1,212 is more than the"),
        })
        {
            var refused = await app.HrManager.SubmitFormAsync("/position/engagement/new", fields);
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
        }
        await using (var db = app.NewDbContext()) (await db.EngagementActivities.CountAsync()).Should().Be(0);

        var saved = await app.HrManager.SubmitFormAsync("/position/engagement/new",
            Form("Survey", on, "Staff survey 2026", "All staff", "2", "Most feel safe; night staff less so. Night-shift pairing to be reviewed.", "https://intranet.example.test/survey-2026"));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await saved.Content.ReadAsStringAsync()));
        var step = await Step2Async(app.Today);
        step.Score.Should().Be(40);
        step.Why[0].Should().Be($"Staff were last asked about harassment (a survey or focus group) on {Core.UkDates.Long(app.Today.AddDays(-10))}.");
        // Recorded today about a day ten days back: the days before it was recorded are not rewritten.
        (await Step2Async(app.Today.AddDays(-5))).Score.Should().Be(0);
        // A year on, the survey has left the window.
        (await Step2Async(app.Today.AddDays(-10).AddMonths(12))).Score.Should().Be(0);

        var list = Html.Text(await app.Director.GetPageAsync("/position/engagement"));
        list.Should().Contain("Staff survey 2026").And.Contain("Staff survey or focus group").And.NotContain("1,212");
        await using (var db = app.NewDbContext())
        {
            (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "engagement.recorded")).Summary.Should()
                .Be($"Staff survey or focus group \"Staff survey 2026\" on {Core.UkDates.Long(app.Today.AddDays(-10))} recorded by Hana Human");
        }
    }
}
