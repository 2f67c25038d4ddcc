using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Cases;
using Compliance.Core.Employees;
using Compliance.Web.Jobs;
using Compliance.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Reminders;

/// <summary>Its own app running jobs: the dashboard's buttons start real runs.</summary>
public sealed class DashboardApp : JobsAppBase;

public sealed class JobsDashboardTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private const string Dashboard = "/admin/jobs/dashboard";

    [Fact]
    public async Task An_administrator_with_a_second_factor_sees_the_recurring_jobs_and_triggers_one_with_the_anti_forgery_token()
    {
        var admin = await app.SignedInAdministratorAsync();
        var home = await admin.GetAsync(Dashboard);
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        // Its charts may set styles; no script runs but its own files.
        home.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self';").And.Contain("frame-ancestors 'none'");
        var recurring = await admin.GetPageAsync(Dashboard + "/recurring");
        recurring.Should().Contain(JobNames.ReminderSweep).And.Contain(JobNames.MailDispatch).And.Contain(JobNames.CasePurge);
        recurring.Should().Contain("Europe/London");
        // Its way back is the app's own Jobs page, which keeps what the dashboard does not show.
        recurring.Should().Contain("href=\"/admin/jobs\"");

        // A cross-site post to a dashboard action, without the token, is refused and starts nothing.
        var before = await RunsAsync(JobNames.CasePurge);
        var forged = await admin.Http.PostAsync(Dashboard + "/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", JobNames.CasePurge)]));
        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await RunsAsync(JobNames.CasePurge)).Should().Be(before);

        // The dashboard's own page carries the token its buttons send; with it, the run happens.
        var token = Regex.Match(recurring, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var header = Regex.Match(recurring, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty();
        using var trigger = new HttpRequestMessage(HttpMethod.Post, Dashboard + "/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", JobNames.CasePurge)]) };
        trigger.Headers.Add(header, System.Net.WebUtility.HtmlDecode(token));
        (await admin.Http.SendAsync(trigger)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Poll.UntilAsync("a run of the case purge from the dashboard", () => RunsAsync(JobNames.CasePurge), n => n > before, TimeSpan.FromSeconds(30))).Should().BeGreaterThan(before);
    }

    [Fact]
    public async Task Every_address_of_the_dashboard_answers_without_a_fault_even_asked_the_wrong_way()
    {
        var admin = await app.SignedInAdministratorAsync();
        foreach (var path in new[] { "/stats", "/recurring", "/jobs/succeeded", "/jobs/failed", "/servers", "/retries", "/no-such-page" })
        {
            var response = await admin.GetAsync(Dashboard + path);
            ((int)response.StatusCode).Should().BeLessThan(500, $"GET {path} is the sender's mistake at worst, never a fault");
        }
        var stats = await admin.Http.PostAsync(Dashboard + "/stats", new FormUrlEncodedContent([new("metrics[]", "enqueued:count")]));
        ((int)stats.StatusCode).Should().BeLessThan(500);
    }

    [Fact]
    public async Task Everyone_else_gets_the_apps_own_sign_in_or_refusal_never_the_dashboard()
    {
        var anonymous = await app.NewClient().Http.GetAsync(Dashboard + "/recurring");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/sign-in?ReturnUrl=");

        var hr = await app.SignedInAsync(await app.CreateAccountAsync("hr-dashboard@example.test", [Core.Accounts.Roles.HRManager], twoFactor: false));
        var refused = await hr.Http.GetAsync(Dashboard + "/recurring");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var page = await refused.Content.ReadAsStringAsync();
        page.Should().NotContain("hangfire", "the refusal is the app's own page").And.Contain("<main");
        // Nor its scripts, styles or actions.
        (await hr.Http.GetAsync(Dashboard + "/js")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.Http.PostAsync(Dashboard + "/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", JobNames.CasePurge)]))).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);

        var withoutSecondFactor = await app.SignedInAsync(await app.CreateAccountAsync("admin-dashboard@example.test", [Core.Accounts.Roles.Administrator], twoFactor: false));
        var redirected = await withoutSecondFactor.Http.GetAsync(Dashboard);
        redirected.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirected.Headers.Location!.OriginalString.Should().Be("/account/security/authenticator");
    }

    [Fact]
    public async Task The_scheduler_storage_holds_job_names_and_ids_never_report_text()
    {
        const string Canary = "CANARY-7f3a He cornered me by the lockers";
        var (report, errors) = await app.WithServiceAsync<SubmitReport, (SubmittedReport?, List<FieldError>)>(s => s.HandleAsync(
            new ReportInput(ReportingMode.Confidential, ReporterRole.PersonAffected, Canary, null, null, IncidentPlace.Online, null, "The lockers " + Canary, null,
                "Canary Colleague " + Canary, null, null, true, Canary, "Canary Reporter", "canary@example.test", NotifyByEmail: true),
            [new IncomingFile("canary.txt", System.Text.Encoding.UTF8.GetBytes(Canary))]));
        errors.Should().BeEmpty();
        report.Should().NotBeNull();
        // Every job runs at least once with the report in the database.
        foreach (var job in JobCatalogue.All) await app.WithServiceAsync<BackgroundJobs, bool>(async j => { await j.RunNowAsync(job.Name, CancellationToken.None); return true; });
        var everyJob = JobCatalogue.All.Select(j => j.Name).ToHashSet();
        var ran = await Poll.UntilAsync("a successful run of every job", async () =>
        {
            await using var db = app.NewDbContext();
            return (await db.JobRuns.Where(r => r.Manual && r.Outcome == Core.Jobs.JobOutcome.Succeeded).Select(r => r.Job).Distinct().ToListAsync()).ToHashSet();
        }, names => names.IsSupersetOf(everyJob), TimeSpan.FromSeconds(60));
        ran.Should().BeEquivalentTo(everyJob);

        var stored = await StorageTextAsync();
        stored.Should().Contain("SweepAsync", "the storage was read").And.Contain(JobNames.ReminderSweep);
        stored.Should().NotContain("CANARY-7f3a").And.NotContain("lockers").And.NotContain("canary@example.test").And.NotContain("Canary Reporter");
        stored.Should().NotContain(report!.Reference);
    }

    /// <summary>Everything the scheduler keeps, as text: with PostgreSQL every row of its schema; in memory, all it can list.</summary>
    private async Task<string> StorageTextAsync()
    {
        if (TestDatabase.Provider == Core.Data.DatabaseProvider.PostgreSQL) return await TestDatabase.DumpAsync(app.ConnectionString, schema: JobsSetup.SchemaName);
        var storage = app.Services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();
        var ids = new List<string>();
        ids.AddRange(monitoring.SucceededJobs(0, 1000).Select(j => j.Key));
        ids.AddRange(monitoring.FailedJobs(0, 1000).Select(j => j.Key));
        ids.AddRange(monitoring.ProcessingJobs(0, 1000).Select(j => j.Key));
        ids.AddRange(monitoring.ScheduledJobs(0, 1000).Select(j => j.Key));
        ids.AddRange(monitoring.DeletedJobs(0, 1000).Select(j => j.Key));
        foreach (var queue in monitoring.Queues()) ids.AddRange(monitoring.EnqueuedJobs(queue.Name, 0, 1000).Select(j => j.Key));
        var all = new System.Text.StringBuilder();
        foreach (var id in ids.Distinct())
        {
            var details = monitoring.JobDetails(id);
            all.AppendLine($"{details.Job?.Type} {details.Job?.Method.Name} {string.Join(",", details.Job?.Args ?? [])}");
            foreach (var p in details.Properties) all.AppendLine($"{p.Key}={p.Value}");
            foreach (var h in details.History) all.AppendLine($"{h.StateName} {h.Reason} {string.Join(",", h.Data.Select(d => d.Key + "=" + d.Value))}");
        }
        using var connection = storage.GetConnection();
        foreach (var r in connection.GetRecurringJobs()) all.AppendLine($"{r.Id} {r.Cron} {r.Job?.Method.Name} {string.Join(",", r.Job?.Args ?? [])}");
        return all.ToString();
    }

    private async Task<int> RunsAsync(string job)
    {
        await using var db = app.NewDbContext();
        return await db.JobRuns.CountAsync(r => r.Job == job);
    }
}
