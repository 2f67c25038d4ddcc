using Compliance.Core;
using Compliance.Core.Mail;
using Compliance.Web.Jobs;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Compliance.Web.Tests.Reminders;

/// <summary>An instance that runs its jobs, as a production one does; the mail sender every two seconds rather than every minute.</summary>
public sealed class JobsApp : SetUpAppFactory
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
        var cron = new CronExpression(new JobOptions().ReminderSweepSchedule, UkCalendar.Zone);
        static List<string> Next(CronExpression c, string after, int n)
        {
            var times = new List<string>();
            var t = DateTimeOffset.Parse(after);
            for (var i = 0; i < n; i++) times.Add((t = c.GetNextValidTimeAfter(t)!.Value).UtcDateTime.ToString("yyyy-MM-dd HH:mm"));
            return times;
        }
        // Summer time is 07:00 BST (06:00 UTC); winter is 07:00 GMT.
        Assert.Equal(["2026-10-24 06:00", "2026-10-25 07:00", "2026-10-26 07:00"], Next(cron, "2026-10-23T12:00:00Z", 3));
        Assert.Equal(["2027-03-27 07:00", "2027-03-28 06:00", "2027-03-29 06:00"], Next(cron, "2027-03-26T12:00:00Z", 3));
    }

    [Fact]
    public async Task The_Jobs_page_shows_each_job_its_schedule_and_next_run_and_runs_one_now()
    {
        var admin = await app.SignedInAdministratorAsync();
        var page = Html.Text(await admin.GetPageAsync("/admin/jobs"));
        Assert.Contains("Reminder sweep", page);
        Assert.Contains("Every day at 07:00 (UK time)", page);
        Assert.Contains("Every day at 02:30 (UK time)", page);
        Assert.Contains("Every 2 seconds", page); // the setting; a minute by default
        Assert.DoesNotContain("Next run None", page);

        var bogus = await admin.SubmitFormAsync("/admin/jobs", [new("job", "rm -rf")], postUrl: "/admin/jobs?handler=Run");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, bogus.StatusCode);
        Assert.Contains("role=\"alert\"><p>There is no such job.", await admin.GetPageAsync("/admin/jobs"));

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
        Assert.Equal(System.Net.HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("No closed case has passed its retention period, so a run now would delete nothing", Html.Text(await ask.Content.ReadAsStringAsync()));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.JobRuns.AnyAsync(r => r.Job == JobNames.CasePurge));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == JobNames.CasePurge));
        }
        var run = await admin.SubmitFormAsync("/admin/jobs", [new("job", JobNames.CasePurge), new("confirmed", "true")], postUrl: "/admin/jobs?handler=Run");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, run.StatusCode);

        var done = await Poll.UntilAsync(async () =>
        {
            await using var db = app.NewDbContext();
            return await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Job == JobNames.CasePurge && r.Outcome == Core.Jobs.JobOutcome.Succeeded);
        }, r => r is not null, TimeSpan.FromSeconds(30));
        Assert.NotNull(done);
        Assert.True(done.Manual);
        Assert.Contains("0 closed cases purged", done.Summary);
        var after = Html.Text(await admin.GetPageAsync("/admin/jobs"));
        Assert.Contains("0 closed cases purged", after);
        Assert.Contains("(asked for)", after);
        await using var audit = app.NewDbContext();
        Assert.True(await audit.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == JobNames.CasePurge));
        Assert.False(await audit.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == "rm -rf"));
        Assert.False(await audit.JobRuns.AnyAsync(r => r.Id == old.Id));
    }

    [Fact]
    public async Task The_mail_sender_keeps_no_record_of_runs_with_nothing_to_send_unless_asked_for()
    {
        // It runs every two seconds here; wait until it has run a few times on its own.
        var started = DateTimeOffset.UtcNow;
        var sender = await Poll.UntilAsync(
            async () => (await app.WithServiceAsync<BackgroundJobs, List<JobStatus>>(j => j.ListAsync(CancellationToken.None))).Single(j => j.Job.Name == JobNames.MailDispatch),
            s => s.PreviousRunUtc > started.AddSeconds(4), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        Assert.True(sender.PreviousRunUtc > started.AddSeconds(4), "The mail sender should have run by itself by now.");
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.JobRuns.AnyAsync(r => r.Job == JobNames.MailDispatch && !r.Manual && r.Outcome != Core.Jobs.JobOutcome.Running));
        }

        // One asked for is kept, so the person who asked sees what it did.
        await app.WithServiceAsync<BackgroundJobs, bool>(async j => { await j.RunNowAsync(JobNames.MailDispatch, CancellationToken.None); return true; });
        var kept = await Poll.UntilAsync(async () =>
        {
            await using var db = app.NewDbContext();
            return await db.JobRuns.AnyAsync(r => r.Job == JobNames.MailDispatch && r.Manual && r.Summary == "0 delivered, 0 failed.");
        }, k => k, TimeSpan.FromSeconds(30));
        Assert.True(kept);
    }

    [Fact]
    public async Task Every_email_template_renders_from_its_typed_model_and_a_missing_variable_fails()
    {
        var templates = await app.WithServiceAsync<EmailTemplates, EmailTemplates>(Task.FromResult);
        IEmailModel[] models =
        [
            new TestMessageEmail("Alex <Admin>", "21 Nov 2026, 07:00"),
            new RiskReviewEmail("Bar & <Kitchen>", "1 December 2026", "in 7 days", false, false, null),
            new RiskReviewEmail("Bar & <Kitchen>", "1 December 2026", "", true, false, null),
            new RiskReviewEmail("Bar & <Kitchen>", "1 December 2026", "now", false, true, "Incident <logged>"),
            new ActionOverdueEmail("Fix the <lock>", "Facilities", "Bar & <Kitchen>", "20 November 2026"),
            new CaseDeadlineEmail("acknowledge the report", "30 March 2027", true, true),
            new CaseCheckInEmail("10 April 2027", 1, 3),
            new CaseWaitingEmail(true, false, true),
            new CaseWaitingEmail(false, true, false),
            new InvitationEmail("Bar & <Kitchen>", "Alex <Admin>", "28 November 2026, 09:00"),
            new ReporterMessageEmail(),
            new AuditCheckpointEmail(42, "ab12", "27 November 2026, 07:00"),
        ];
        // Every template has a model here, and every model a template.
        Assert.Equal(templates.Names().Order(), models.Select(m => m.Template).Distinct().Order());
        foreach (var model in models)
        {
            var email = templates.Render(model, "Hana <Human>", "http://example.test/page");
            Assert.Contains("Hello Hana &lt;Human&gt;,", email.Html);
            // Staff are told why they get it by their role; a reporter, because they asked.
            Assert.Contains(model.ToReporter ? "because you asked to be told by email" : "because of your role", email.Text);
            Assert.Contains("Hello Hana <Human>,", email.Text);
            Assert.Contains("http://example.test/page", email.Text);
            Assert.DoesNotContain("<Kitchen>", email.Html);
            Assert.DoesNotContain("<lock>", email.Html);
            Assert.DoesNotContain("{{", email.Html + email.Text);
            Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        }

        // A template naming a value its model does not have fails, rather than sending a message with a gap.
        var folder = Path.Combine(app.DataDirectory, "broken-templates");
        Directory.CreateDirectory(Path.Combine(folder, "email"));
        foreach (var f in Directory.EnumerateFiles(templates.Folder)) File.Copy(f, Path.Combine(folder, "email", Path.GetFileName(f)));
        await File.WriteAllTextAsync(Path.Combine(folder, "email", "case-check-in.txt.hbs"), "Due {{DueOn}} for {{CaseReference}}");
        var broken = new EmailTemplates(Microsoft.Extensions.Options.Options.Create(new Core.Templating.TemplateOptions { Path = folder }));
        var error = Assert.Throws<HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException>(() => broken.Render(new CaseCheckInEmail("10 April 2027", 1, 3), "Hana", null));
        Assert.Contains("CaseReference", error.Message);
    }
}
