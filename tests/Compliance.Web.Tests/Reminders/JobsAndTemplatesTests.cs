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
        Next(cron, "2026-10-23T12:00:00Z", 3).Should().Equal("2026-10-24 06:00", "2026-10-25 07:00", "2026-10-26 07:00");
        Next(cron, "2027-03-26T12:00:00Z", 3).Should().Equal("2027-03-27 07:00", "2027-03-28 06:00", "2027-03-29 06:00");
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

        var done = await Poll.UntilAsync(async () =>
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
        var sender = await Poll.UntilAsync(
            async () => (await app.WithServiceAsync<BackgroundJobs, List<JobStatus>>(j => j.ListAsync(CancellationToken.None))).Single(j => j.Job.Name == JobNames.MailDispatch),
            s => s.PreviousRunUtc > started.AddSeconds(4), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        (sender.PreviousRunUtc > started.AddSeconds(4)).Should().BeTrue("The mail sender should have run by itself by now.");
        await using (var db = app.NewDbContext())
        {
            (await db.JobRuns.AnyAsync(r => r.Job == JobNames.MailDispatch && !r.Manual && r.Outcome != Core.Jobs.JobOutcome.Running)).Should().BeFalse();
        }

        // One asked for is kept, so the person who asked sees what it did.
        await app.WithServiceAsync<BackgroundJobs, bool>(async j => { await j.RunNowAsync(JobNames.MailDispatch, CancellationToken.None); return true; });
        var kept = await Poll.UntilAsync(async () =>
        {
            await using var db = app.NewDbContext();
            return await db.JobRuns.AnyAsync(r => r.Job == JobNames.MailDispatch && r.Manual && r.Summary == "0 delivered, 0 failed.");
        }, k => k, TimeSpan.FromSeconds(30));
        kept.Should().BeTrue();
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
        models.Select(m => m.Template).Distinct().Order().Should().Equal(templates.Names().Order());
        foreach (var model in models)
        {
            var email = templates.Render(model, "Hana <Human>", "http://example.test/page");
            email.Html.Should().Contain("Hello Hana &lt;Human&gt;,");
            // Staff are told why they get it by their role; a reporter, because they asked.
            email.Text.Should().Contain(model.ToReporter ? "because you asked to be told by email" : "because of your role");
            email.Text.Should().Contain("Hello Hana <Human>,");
            email.Text.Should().Contain("http://example.test/page");
            email.Html.Should().NotContain("<Kitchen>");
            email.Html.Should().NotContain("<lock>");
            (email.Html + email.Text).Should().NotContain("{{");
            string.IsNullOrWhiteSpace(email.Subject).Should().BeFalse();
        }

        // A template naming a value its model does not have fails, rather than sending a message with a gap.
        var folder = Path.Combine(app.DataDirectory, "broken-templates");
        Directory.CreateDirectory(Path.Combine(folder, "email"));
        foreach (var f in Directory.EnumerateFiles(templates.Folder)) File.Copy(f, Path.Combine(folder, "email", Path.GetFileName(f)));
        await File.WriteAllTextAsync(Path.Combine(folder, "email", "case-check-in.txt.hbs"), "Due {{DueOn}} for {{CaseReference}}");
        var broken = new EmailTemplates(Microsoft.Extensions.Options.Options.Create(new Core.Templating.TemplateOptions { Path = folder }));
        var error = FluentActions.Invoking(() => broken.Render(new CaseCheckInEmail("10 April 2027", 1, 3), "Hana", null)).Should().ThrowExactly<HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException>().Which;
        error.Message.Should().Contain("CaseReference");
    }
}
