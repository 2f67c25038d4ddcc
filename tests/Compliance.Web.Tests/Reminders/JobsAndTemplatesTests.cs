using Compliance.Core;
using Compliance.Core.Mail;
using Compliance.Web.Jobs;
using Compliance.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Reminders;

/// <summary>An instance that runs its jobs, as a production one does; the mail sender every two seconds rather than every minute.</summary>
public sealed class JobsApp : JobsAppBase;

public abstract class JobsAppBase : SetUpAppFactory
{
    protected override bool RunJobs => true;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Jobs:MailDispatchEvery", "00:00:02");
    }
}

public sealed class JobsAndTemplatesTests(JobsApp app) : IClassFixture<JobsApp>
{
    [Fact]
    public void The_sweep_runs_at_seven_UK_time_every_day_across_both_clock_changes()
    {
        // What the scheduler holds: the setting's expression, to be read in Europe/London, never a UTC time.
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs([JobNames.ReminderSweep, JobNames.CasePurge, JobNames.MailDispatch]).ToDictionary(j => j.Id);
        jobs.Count.Should().Be(3);
        jobs.Values.Should().AllSatisfy(j => j.TimeZoneId.Should().Be("Europe/London"));
        jobs[JobNames.ReminderSweep].Cron.Should().Be("0 7 * * *");
        jobs[JobNames.CasePurge].Cron.Should().Be("30 2 * * *");
        jobs[JobNames.MailDispatch].Cron.Should().Be("*/2 * * * * *");
        var sweep = JobSchedule.Parse("test", jobs[JobNames.ReminderSweep].Cron);
        // The scheduler's own next run is the next 07:00 in the UK.
        var next = DateTime.SpecifyKind(jobs[JobNames.ReminderSweep].NextExecution!.Value, DateTimeKind.Utc);
        TimeZoneInfo.ConvertTimeFromUtc(next, UkCalendar.Zone).Hour.Should().Be(7);
        next.Should().Be(sweep.NextAfter(DateTimeOffset.UtcNow)!.Value.UtcDateTime);

        static List<string> Next(JobSchedule schedule, string after, int n)
        {
            var times = new List<string>();
            var t = DateTimeOffset.Parse(after);
            for (var i = 0; i < n; i++) times.Add((t = schedule.NextAfter(t)!.Value).UtcDateTime.ToString("yyyy-MM-dd HH:mm"));
            return times;
        }
        // Summer time is 07:00 BST (06:00 UTC); winter is 07:00 GMT.
        Next(sweep, "2026-10-23T12:00:00Z", 3).Should().Equal(["2026-10-24 06:00", "2026-10-25 07:00", "2026-10-26 07:00"]);
        Next(sweep, "2027-03-26T12:00:00Z", 3).Should().Equal(["2027-03-27 07:00", "2027-03-28 06:00", "2027-03-29 06:00"]);
    }

    [Fact]
    public void A_schedule_the_scheduler_cannot_read_stops_the_app_with_a_message()
    {
        var wrong = FluentActions.Invoking(() => JobsSetup.Schedules(new JobOptions { ReminderSweepSchedule = "seven o'clock" })).Should().ThrowExactly<InvalidOperationException>().Which;
        wrong.Message.Should().Contain("Compliance:Jobs:ReminderSweepSchedule");
        wrong.Message.Should().Contain("five fields");
        var uneven = FluentActions.Invoking(() => JobsSetup.Schedules(new JobOptions { MailDispatchEvery = TimeSpan.FromSeconds(7) })).Should().ThrowExactly<InvalidOperationException>().Which;
        uneven.Message.Should().Contain("Compliance:Jobs:MailDispatchEvery");
        JobsSetup.Schedules(new JobOptions()).ReminderSweep.Describe().Should().Be("Every day at 07:00 (UK time)");
        JobsSetup.Schedules(new JobOptions()).MailDispatch.Describe().Should().Be("Every 20 seconds");
        JobsSetup.Schedules(new JobOptions { MailDispatchEvery = TimeSpan.FromMinutes(5) }).MailDispatch.Describe().Should().Be("Every 5 minutes");
    }

    [Fact]
    public async Task The_Jobs_page_shows_each_job_its_schedule_and_next_run_and_runs_one_now()
    {
        var admin = await app.SignedInAdministratorAsync();
        var page = Html.Text(await admin.GetPageAsync("/admin/jobs"));
        page.Should().Contain("Reminder sweep");
        page.Should().Contain("Every day at 07:00 (UK time)");
        page.Should().Contain("Every day at 02:30 (UK time)");
        page.Should().Contain("Every 2 seconds"); // the setting; a minute by default
        page.Should().NotContain("Next run None");

        var bogus = await admin.SubmitFormAsync("/admin/jobs", [new("job", "rm -rf")], postUrl: "/admin/jobs?handler=Run");
        bogus.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/jobs")).Should().Contain("role=\"alert\"><p>There is no such job.");

        // A record of a run from long ago, which the nightly purge clears.
        var old = new Core.Jobs.JobRun(JobNames.ReminderSweep, "old-instance", false, DateTime.UtcNow.AddDays(-100));
        old.Finish(true, "Long ago", DateTime.UtcNow.AddDays(-100));
        await using (var db = app.NewDbContext())
        {
            db.JobRuns.Add(old);
            await db.SaveChangesAsync();
        }

        // The purge deletes cases for good: the first press only says what it would do.
        var ask = await admin.SubmitFormAsync("/admin/jobs", [new("job", JobNames.CasePurge)], postUrl: "/admin/jobs?handler=Run");
        ask.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        Html.Text(await ask.Content.ReadAsStringAsync()).Should().Contain("No closed case has passed its retention period, so a run now would delete nothing");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using (var db = app.NewDbContext())
        {
            (await db.JobRuns.AnyAsync(r => r.Job == JobNames.CasePurge)).Should().BeFalse();
            (await db.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == JobNames.CasePurge)).Should().BeFalse();
        }
        var run = await admin.SubmitFormAsync("/admin/jobs", [new("job", JobNames.CasePurge), new("confirmed", "true")], postUrl: "/admin/jobs?handler=Run");
        run.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);

        var done = await Poll.UntilAsync("a successful run of the case purge asked for", async () =>
        {
            await using var db = app.NewDbContext();
            return await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Job == JobNames.CasePurge && r.Outcome == Core.Jobs.JobOutcome.Succeeded);
        }, r => r is not null, TimeSpan.FromSeconds(30));
        done.Should().NotBeNull();
        done.Manual.Should().BeTrue();
        done.Summary.Should().Contain("0 closed cases purged");
        var after = Html.Text(await admin.GetPageAsync("/admin/jobs"));
        after.Should().Contain("0 closed cases purged");
        after.Should().Contain("(asked for)");
        await using var audit = app.NewDbContext();
        (await audit.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == JobNames.CasePurge)).Should().BeTrue();
        (await audit.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == "rm -rf")).Should().BeFalse();
        (await audit.JobRuns.AnyAsync(r => r.Id == old.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task The_mail_sender_keeps_no_record_of_runs_with_nothing_to_send_unless_asked_for()
    {
        // It runs every two seconds here; wait until it has run a few times on its own.
        var started = DateTimeOffset.UtcNow;
        var sender = await Poll.UntilAsync("the mail sender to run by itself",
            async () => (await app.WithServiceAsync<BackgroundJobs, List<JobStatus>>(j => j.ListAsync(CancellationToken.None))).Single(j => j.Job.Name == JobNames.MailDispatch),
            s => s.PreviousRunUtc > started.AddSeconds(4), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        (sender.PreviousRunUtc > started.AddSeconds(4)).Should().BeTrue("the mail sender should have run by itself by now");
        await using (var db = app.NewDbContext())
        {
            (await db.JobRuns.AnyAsync(r => r.Job == JobNames.MailDispatch && !r.Manual && r.Outcome != Core.Jobs.JobOutcome.Running)).Should().BeFalse();
        }

        // One asked for is kept, so the person who asked sees what it did.
        await app.WithServiceAsync<BackgroundJobs, bool>(async j => { await j.RunNowAsync(JobNames.MailDispatch, CancellationToken.None); return true; });
        var kept = await Poll.UntilAsync("a kept record of the mail sender run asked for", async () =>
        {
            await using var db = app.NewDbContext();
            return await db.JobRuns.AnyAsync(r => r.Job == JobNames.MailDispatch && r.Manual && r.Summary == "0 delivered, 0 failed.");
        }, k => k, TimeSpan.FromSeconds(30));
        kept.Should().BeTrue();
    }

    private const string Script = "<script>alert('x')</script>";

    [Fact]
    public async Task Every_email_template_renders_from_its_typed_model_escaped_in_HTML_intact_in_text_and_a_missing_value_fails()
    {
        var templates = await app.WithServiceAsync<EmailTemplates, EmailTemplates>(Task.FromResult);
        IEmailModel[] models =
        [
            new TestMessageEmail("Alex " + Script, "21 Nov 2026, 07:00"),
            new RiskReviewEmail("Bar & " + Script, "1 December 2026", "in 7 days", false, false, null),
            new RiskReviewEmail("Bar & " + Script, "1 December 2026", "", true, false, null),
            new RiskReviewEmail("Bar & " + Script, "1 December 2026", "now", false, true, "Incident " + Script),
            new ActionOverdueEmail("Fix the " + Script, "Facilities " + Script, "Bar & " + Script, "20 November 2026"),
            new CaseDeadlineEmail("acknowledge " + Script, "30 March 2027", true, true),
            new CaseCheckInEmail("10 April 2027 " + Script, 1, 3),
            new CaseWaitingEmail(true, false, true),
            new CaseWaitingEmail(false, true, false),
            new InvitationEmail("Bar & " + Script, "Alex " + Script, "28 November 2026, 09:00"),
            new ReporterMessageEmail(),
            new AuditCheckpointEmail(42, "ab12" + Script, "27 November 2026, 07:00"),
            new PolicyRequestEmail("Bar & " + Script, "Policy " + Script, 2, 0),
            new PolicyRequestEmail("Bar & " + Script, "Policy " + Script, 2, 1),
            new PolicyReviewEmail("Policy " + Script, "1 December 2026", "in 7 days", false),
            new PolicyReviewEmail("Policy " + Script, "1 December 2026", "", true),
            new PolicyTeamEmail("Policy " + Script, 3, 28),
            new TrainingReminderEmail("Bar & " + Script, "Course " + Script, "due", "1 December 2026", "Room " + Script),
            new TrainingReminderEmail("Bar & " + Script, "Course " + Script, "stale", "1 December 2025", ""),
            new TrainingReminderEmail("Bar & " + Script, "Course " + Script, "asked", "", "https://lms.example.test/" + Script),
            new TrainingTeamEmail("Course " + Script, 2, "1 December 2026"),
            new TrainingCoverageEmail("Course " + Script, 71, 90, 12, 3),
        ];
        // Every template has a model here, and every model a template.
        models.Select(m => m.Template).Distinct().Order().Should().Equal(templates.Names().Order());
        foreach (var model in models)
        {
            var email = templates.Render(model, "Hana " + Script, "http://example.test/page?a=1&b=2");
            email.Html.Should().Contain("Hello Hana &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;,");
            email.Html.Should().NotContain("<script");
            email.Html.Should().Contain("href=\"http://example.test/page?a=1&amp;b=2\"");
            // Staff are told why they get it by their role; a reporter, because they asked.
            email.Text.Should().Contain(model.Footer ?? (model.ToReporter ? "because you asked to be told by email" : "because of your role"));
            email.Text.Should().Contain("Hello Hana " + Script + ",");
            email.Text.Should().Contain("http://example.test/page?a=1&b=2");
            email.Text.Should().NotContain("&lt;");
            // Every value the model carries with the script in it comes out whole in the text and escaped in the HTML.
            var values = model.GetType().GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name is not "Template" and not "Subject")
                .Select(p => (string?)p.GetValue(model)).OfType<string>().Where(v => v.Contains(Script)).ToList();
            foreach (var v in values)
            {
                email.Text.Should().Contain(v);
                email.Html.Should().Contain(System.Net.WebUtility.HtmlEncode(v));
            }
            (email.Html + email.Text).Should().NotContain("{{");
            string.IsNullOrWhiteSpace(email.Subject).Should().BeFalse();
        }

        // A template naming a value its model does not have fails, rather than sending a message with a gap.
        var folder = Path.Combine(app.DataDirectory, "broken-templates");
        Directory.CreateDirectory(Path.Combine(folder, "email"));
        foreach (var f in Directory.EnumerateFiles(templates.Folder)) File.Copy(f, Path.Combine(folder, "email", Path.GetFileName(f)), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(folder, "email", "case-check-in.txt.sbn"), "Due {{ DueOn }} for {{ CaseReference }}");
        var broken = new EmailTemplates(Microsoft.Extensions.Options.Options.Create(new Core.Templating.TemplateOptions { Path = folder }));
        var error = FluentActions.Invoking(() => broken.Render(new CaseCheckInEmail("10 April 2027", 1, 3), "Hana", null)).Should().ThrowExactly<Core.Templating.TemplateRenderException>().Which;
        error.Message.Should().Contain("CaseReference");
        error.Message.Should().Contain("case-check-in.txt.sbn");
        // So does one that names a member the value does not have.
        await File.WriteAllTextAsync(Path.Combine(folder, "email", "case-check-in.txt.sbn"), "Due {{ DueOn.Colour }}");
        FluentActions.Invoking(() => broken.Render(new CaseCheckInEmail("10 April 2027", 1, 3), "Hana", null)).Should().ThrowExactly<Core.Templating.TemplateRenderException>();
        // And one that cannot be read at all says where.
        await File.WriteAllTextAsync(Path.Combine(folder, "email", "case-check-in.txt.sbn"), "Due {{ if DueOn }}");
        FluentActions.Invoking(() => broken.Render(new CaseCheckInEmail("10 April 2027", 1, 3), "Hana", null)).Should().ThrowExactly<Core.Templating.TemplateRenderException>().Which.Message.Should().Contain("case-check-in.txt.sbn");
    }

    [Fact]
    public void Only_a_value_a_template_marks_raw_is_written_as_HTML()
    {
        var model = new { Name = Script, Trusted = "<b>bold</b>", Count = 3, Flag = true };
        Core.Templating.TemplateRenderer.RenderText("{{ Name }} {{ raw Trusted }} {{ Trusted }} {{ Count }} {{ if Flag }}yes{{ end }}", model, Core.Templating.TemplateMode.Html).Should().Be("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <b>bold</b> &lt;b&gt;bold&lt;/b&gt; 3 yes");
        Core.Templating.TemplateRenderer.RenderText("{{ Name }} {{ raw Trusted }} {{ Trusted }} {{ Count }} {{ if Flag }}yes{{ end }}", model, Core.Templating.TemplateMode.Text).Should().Be(Script + " <b>bold</b> <b>bold</b> 3 yes");
        // A value captured or piped through a function is still escaped once, not twice.
        Core.Templating.TemplateRenderer.RenderText("{{ Trusted | string.upcase }}", model, Core.Templating.TemplateMode.Html).Should().Be("&lt;B&gt;BOLD&lt;/B&gt;");
        FluentActions.Invoking(() => Core.Templating.TemplateRenderer.RenderText("{{ Missing }}", model, Core.Templating.TemplateMode.Text)).Should().ThrowExactly<Core.Templating.TemplateRenderException>();
    }
}
