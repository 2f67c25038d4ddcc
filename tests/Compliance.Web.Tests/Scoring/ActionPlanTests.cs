using System.Net;
using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Accounts;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

public sealed class ActionPlanTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private static List<KeyValuePair<string, string>> Action(string step, string description, string owner, string due) =>
        [new("Input.Step", step), new("Input.Description", description), new("Input.Owner", owner), new("Input.DueDate", due)];

    private async Task<int> PlanCountAsync()
    {
        await using var db = app.NewDbContext();
        return await db.PlanActions.CountAsync();
    }

    [Fact]
    public async Task An_action_is_added_started_and_done_with_a_file_each_bad_field_is_named_and_nothing_is_kept_and_overdue_actions_lower_step_8()
    {
        var due = app.Today.AddDays(20).ToString("dd/MM/yyyy");
        var before = await PlanCountAsync();
        foreach (var (fields, message) in new[]
        {
            (Action("", "Run a staff survey", "HR manager", due), "Choose the step this action serves."),
            (Action("9", "Run a staff survey", "HR manager", due), "Choose the step this action serves."),
            (Action("2", " ", "HR manager", due), "Say what is to be done."),
            (Action("2", "Run a staff survey", "", due), "Enter who owns the action"),
            (Action("2", "Run a staff survey", "HR manager", "31/02/2027"), "\"31/02/2027\" is not a date."),
            (Action("2", "Run a staff survey", "HR manager", app.Today.AddDays(-1).ToString("dd/MM/yyyy")), "The due date cannot be in the past."),
        })
        {
            var refused = await app.HrManager.SubmitFormAsync("/position/actions/new", fields);
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
        }
        (await PlanCountAsync()).Should().Be(before);

        var added = await app.HrManager.SubmitFormAsync("/position/actions/new", Action("2", "Run a staff survey on harassment", "Hana HR", due));
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var url = added.Headers.Location!.OriginalString;
        var id = Guid.Parse(url.Split('/').Last());
        (await app.HrManager.GetPageAsync("/position/actions?step=2")).Should().Contain("Run a staff survey on harassment");

        // Twenty-one days on the action is overdue, and step 8 counts it; today it is not.
        var today = await app.WithServiceAsync<StepEvidence, MonitoringFacts>(e => e.MonitoringOnAsync(app.Today));
        var later = await app.WithServiceAsync<StepEvidence, MonitoringFacts>(e => e.MonitoringOnAsync(app.Today.AddDays(21)));
        today.OverdueActions.Should().Be(0);
        later.OverdueActions.Should().Be(today.OverdueActions + 1);
        StepRules.Monitoring(later, new ScoringOptions()).Why.Should().Contain(w => w.Contains("overdue"));

        (await app.Director.SubmitFormAsync(url, [], url + "?handler=Start")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var twice = await app.Director.SubmitFormAsync(url, [], url + "?handler=Start");
        Html.Text(await twice.Content.ReadAsStringAsync()).Should().Contain("This action is already in progress.");

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% survey results\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        List<KeyValuePair<string, string>> Done(string on, string note, string link) => [new("Input.CompletedOn", on), new("Input.Note", note), new("Input.Link", link)];
        var todayText = app.Today.ToString("dd/MM/yyyy");
        foreach (var (fields, files, message) in new (List<KeyValuePair<string, string>>, (string, byte[])[], string)[]
        {
            (Done(todayText, "Survey run", ""), [], "Give the evidence that the action is done"),
            (Done(todayText, "Survey run", "javascript:alert(1)"), [], "Enter a web address starting https://"),
            (Done(app.Today.AddDays(1).ToString("dd/MM/yyyy"), "Survey run", "https://intranet.example.test/survey"), [], "The completion date cannot be in the future."),
            (Done(todayText, "", "https://intranet.example.test/survey"), [], "Say what was done to complete the action."),
            (Done(todayText, "Survey run", ""), [("results.pdf", Encoding.ASCII.GetBytes("MZ not a pdf"))], "The file's content does not match its type"),
        })
        {
            var refused = await app.HrManager.SubmitMultipartAsync(url, fields, files, url + "?handler=Complete");
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
        }
        await using (var db = app.NewDbContext()) (await db.PlanActions.SingleAsync(a => a.Id == id)).Status.Should().Be(ActionStatus.InProgress);

        var done = await app.HrManager.SubmitMultipartAsync(url, Done(todayText, "Survey run; 212 answers", "/position/monitoring"), [("results.pdf", pdf)], url + "?handler=Complete");
        done.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await done.Content.ReadAsStringAsync()));
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        (await app.HrManager.GetPageAsync(url)).Should().Contain(sha).And.Contain("results.pdf");
        var download = await app.Director.GetAsync(url + "?handler=File");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        await using (var db = app.NewDbContext())
        {
            var actions = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
            actions.Should().Equal("plan.action.added", "plan.action.started", "plan.action.completed");
            (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == id.ToString() && a.Action == "plan.action.completed")).Summary.Should().Contain(sha);
        }
        (await app.HrManager.GetPageAsync("/position/actions")).Should().NotContain("Run a staff survey on harassment");
        (await app.HrManager.GetPageAsync("/position/actions?show=done")).Should().Contain("Run a staff survey on harassment");
    }

    [Fact]
    public async Task Risk_assessment_actions_are_listed_in_the_plan_beside_its_own_and_link_to_their_assessment()
    {
        var action = new RiskAction(Guid.Empty, 1, null, "Fit a panic alarm in the bar", "Facilities manager", app.Today.AddDays(-3), DateTime.UtcNow);
        await using (var db = app.NewDbContext())
        {
            var assessment = new RiskAssessment("Harbour bar assessment", AssessmentScope.Site, app.HomeSite, null, null, DateTime.UtcNow);
            db.RiskAssessments.Add(assessment);
            await db.SaveChangesAsync();
            action = new RiskAction(assessment.Id, 1, null, "Fit a panic alarm in the bar", "Facilities manager", app.Today.AddDays(-3), DateTime.UtcNow);
            db.RiskActions.Add(action);
            await db.SaveChangesAsync();
        }
        var overdue = await app.Director.GetPageAsync("/position/actions?show=overdue&step=3");
        overdue.Should().Contain($"href=\"/risk/actions/{action.Id}\"");
        Html.Text(overdue).Should().Contain("Risk assessment: Harbour bar assessment").And.Contain("Overdue");
        Html.Text(await app.Director.GetPageAsync("/position/actions?step=1")).Should().NotContain("Fit a panic alarm");
    }

    [Fact]
    public async Task A_sign_off_puts_its_actions_in_the_plan_and_a_bad_action_refuses_the_whole_sign_off()
    {
        var account = await app.CreateAccountAsync("plan-signer@example.test", [Roles.Director], true, "Pia Planner");
        var director = await app.SignedInAsync(account);
        var due = app.Today.AddMonths(2).ToString("dd/MM/yyyy");
        List<KeyValuePair<string, string>> Form(string secondDue) =>
        [
            new("ReviewedOn", app.Today.ToString("dd/MM/yyyy")), new("Meeting", "Audit committee"), new("Attendees", "Chair, HR director"),
            new("Decisions", "Two actions agreed."), new("Code", Totp.Code(account.AuthenticatorKey!)),
            new("Actions[0].Step", "5"), new("Actions[0].Description", "Refresh managers' training"), new("Actions[0].Owner", "L&D lead"), new("Actions[0].DueDate", due),
            new("Actions[1].Step", "3"), new("Actions[1].Description", "Assess the Hilltop Hotel"), new("Actions[1].Owner", "Site manager"), new("Actions[1].DueDate", secondDue),
        ];
        var before = await PlanCountAsync();
        var refused = await director.SubmitFormAsync("/position/sign-off", Form("not a date"));
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"Actions[1]_DueDate-error\"");
        Html.Text(html).Should().Contain("\"not a date\" is not a date.");
        (await PlanCountAsync()).Should().Be(before);
        await using (var db = app.NewDbContext()) (await db.BoardSignOffs.CountAsync(s => s.Meeting == "Audit committee")).Should().Be(0);

        var signed = await director.SubmitFormAsync("/position/sign-off", Form(due));
        signed.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await signed.Content.ReadAsStringAsync()));
        await using (var db = app.NewDbContext())
        {
            var signOff = await db.BoardSignOffs.AsNoTracking().SingleAsync(s => s.Meeting == "Audit committee");
            var actions = await db.PlanActions.AsNoTracking().Where(a => a.SourceId == signOff.Id).OrderBy(a => a.Step).ToListAsync();
            actions.Select(a => (a.Step, a.Description, a.Source, a.CreatedByName)).Should().Equal(
                (ReasonableStep.RiskAssessment, "Assess the Hilltop Hotel", PlanSource.BoardSignOff, "Pia Planner"),
                (ReasonableStep.Training, "Refresh managers' training", PlanSource.BoardSignOff, "Pia Planner"));
        }
        (await director.GetPageAsync("/position/actions")).Should().Contain("Refresh managers&#x27; training").And.Contain("Board sign-off");
    }
}
