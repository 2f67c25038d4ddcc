using System.Net;
using Compliance.Core.Cases;
using Compliance.Core.Mail;
using Compliance.Core.Reminders;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>The case organisation with its background jobs running and a real SMTP server, as a live installation.</summary>
public sealed class CaseAlertApp : CaseApp
{
    public TestSmtpServer Smtp { get; private set; } = null!;
    protected override bool RunJobs => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The mail sender every 2 seconds rather than 20, so the test does not wait out a whole round each time.
        builder.UseSetting("Compliance:Jobs:MailDispatchEvery", "00:00:02");
    }

    public override async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
        await using var db = NewDbContext();
        var settings = new MailSettings();
        settings.Apply(new MailSettingsInput("127.0.0.1", Smtp.Port, MailSecurity.None, null, null, "compliance@example.test", "Compliance"), p => p, DateTime.UtcNow);
        db.MailSettings.Add(settings);
        await db.SaveChangesAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public List<string> MailTo(string address) => [.. Smtp.Messages().Where(m => m.Contains(address))];
}

public sealed class CaseAlertTests(CaseAlertApp app) : IClassFixture<CaseAlertApp>
{
    private const string Canary = "Canary-Words-7Q2 in the walk-in freezer";

    [Fact]
    public async Task A_report_reaches_every_handler_who_may_see_it_within_a_minute_once_and_without_a_word_of_it()
    {
        var fields = app.ReportFields(Canary);
        fields["Input.FeelsUnsafe"] = "true";
        fields["Input.ExcludedHandlers"] = app.Nora.Id.ToString();
        var sent = DateTime.UtcNow;
        var (reference, key, _) = await app.ReportAsync(fields);
        var id = await app.CaseIdAsync(reference);

        // Both handlers who may see it are emailed by the running mail sender, within a minute of the report.
        var messages = await Poll.UntilAsync("the alert to both handlers", () => Task.FromResult(app.Smtp.Messages()), m => m.Count >= 2, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        (DateTime.UtcNow - sent < TimeSpan.FromSeconds(60)).Should().BeTrue("The handlers were not emailed within a minute.");
        app.MailTo(app.Hattie.Email).Should().ContainSingle();
        app.MailTo(app.Ben.Email).Should().ContainSingle();
        app.MailTo(app.Nora.Email).Should().BeEmpty();
        // Once sent, the outbox keeps no record of them (their send time would say when the report arrived).
        var gone = await Poll.UntilAsync("the outbox to forget the sent alerts", async () =>
        {
            await using var db = app.NewDbContext();
            return await db.OutboxMessages.CountAsync(m => m.Kind == CaseAlerts.NewReport);
        }, n => n == 0, TimeSpan.FromSeconds(10));
        gone.Should().Be(0);
        foreach (var m in messages)
        {
            m.Should().Contain("Urgent: a new report is waiting for a case handler");
            m.Should().Contain("The reporter said they feel unsafe at work now.");
            m.Should().NotContain("Canary-Words");
            m.Should().NotContain("freezer");
            m.Should().NotContain(CaseApp.SiteName);
            m.Should().NotContain(reference);
        }

        // In the app too, for the same two people only, and marked urgent.
        var hattie = await app.SignedInAsync(app.Hattie);
        var notifications = Html.Text(await hattie.GetPageAsync("/notifications"));
        notifications.Should().Contain("Urgent: a new report is waiting for a case handler");
        var nora = await app.SignedInAsync(app.Nora);
        Html.Text(await nora.GetPageAsync("/notifications")).Should().NotContain("report is waiting");
        var hr = await app.SignedInAsync(app.HrManager);
        Html.Text(await hr.GetPageAsync("/notifications")).Should().NotContain("report is waiting");
        await using (var db = app.NewDbContext())
        {
            // The records of the alert carry the day of the report, not its time.
            var stamps = await db.Notifications.Where(n => n.Subject == id.ToString()).Select(n => n.CreatedAtUtc).ToListAsync();
            stamps.Count.Should().Be(2);
            stamps.Should().AllSatisfy(s => s.Should().Be(Compliance.Core.UkCalendar.StartOfDayUtc(Compliance.Core.UkCalendar.Today(TimeProvider.System))));
        }

        // The morning sweep finds the alert already given: nobody is told twice.
        var sweep = await app.WithServiceAsync<ReminderSweep, SweepResult>(s => s.RunAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        (sweep.AlreadyGiven >= 2).Should().BeTrue(sweep.Summary);
        await using (var db = app.NewDbContext())
        {
            (await db.Notifications.CountAsync(n => n.Subject == id.ToString())).Should().Be(2);
        }

        // A message from the reporter before anyone has opened the case tells nobody again.
        await ReplyAsync(reference, key, "Another thing I remembered.");
        await using (var db = app.NewDbContext())
        {
            (await db.Notifications.CountAsync(n => n.Kind == CaseAlerts.ReporterMessage)).Should().Be(0);
        }

        // Once Hattie has taken and opened it, the reporter's next message tells her (its handler) and nobody else, once.
        await CaseApp.TakeAsync(hattie, id);
        await hattie.GetPageAsync(CaseApp.CaseUrl(id));
        await ReplyAsync(reference, key, "It happened again today.");
        await ReplyAsync(reference, key, "And once more.");
        await using (var db = app.NewDbContext())
        {
            var told = await db.Notifications.Where(n => n.Kind == CaseAlerts.ReporterMessage).Select(n => new { n.UserId, n.Title, n.Path }).ToListAsync();
            var only = told.Should().ContainSingle().Which;
            only.UserId.Should().Be(app.Hattie.Id);
            only.Title.Should().Be("Urgent: the reporter has written on one of your cases");
            only.Path.Should().Be(CaseApp.CaseUrl(id));
        }
        var toHattie = await Poll.UntilAsync("a second email to Hattie", () => Task.FromResult(app.MailTo(app.Hattie.Email)), m => m.Count >= 2, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        toHattie.Count.Should().Be(2);
        toHattie.Should().Contain(m => m.Contains("a reporter has written on a case"));
        toHattie.Should().NotContain(m => m.Contains("It happened again"));
    }

    private async Task ReplyAsync(string reference, string key, string text)
    {
        var reporter = app.NewClient();
        var page = await (await app.FollowUpAsync(reporter, reference, key)).Content.ReadAsStringAsync();
        var reply = await reporter.Http.PostAsync("/report/follow-up?handler=Reply", new MultipartFormDataContent
        {
            { new StringContent(AppClient.Token(page)), "__RequestVerificationToken" },
            { new StringContent(reference), "Reference" },
            { new StringContent(key), "Key" },
            { new StringContent(text), "Message" },
        });
        reply.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reply.Content.ReadAsStringAsync()).Should().Contain("Your message has been sent");
    }
}

public sealed class CaseQueueTests(CaseApp app) : IClassFixture<CaseApp>
{
    [Fact]
    public async Task The_queue_opens_on_what_needs_someone_with_counts_on_every_tab_and_urgent_cases_first()
    {
        var calm = await app.ReportAsync(app.ReportFields("A calm report about the rota."));
        var unsafeFields = app.ReportFields("An urgent report.");
        unsafeFields["Input.FeelsUnsafe"] = "true";
        var urgent = await app.ReportAsync(unsafeFields);
        var ben = await app.SignedInAsync(app.Ben);

        var html = await ben.GetPageAsync("/cases");
        var text = Html.Text(html);
        text.Should().Contain("Needs attention (");
        text.Should().MatchRegex(@"Waiting for a handler \(\d+\)");
        text.Should().MatchRegex(@"Mine \(\d+\)");
        text.Should().MatchRegex(@"All open \(\d+\)");
        text.Should().MatchRegex(@"Closed \(\d+\)");
        html.Should().Contain("aria-current=\"page\">Needs attention");
        // Both waiting cases are on the first list, the urgent one above the calm one though it came later.
        var urgentAt = html.IndexOf(urgent.Reference, StringComparison.Ordinal);
        var calmAt = html.IndexOf(calm.Reference, StringComparison.Ordinal);
        (urgentAt > 0 && calmAt > 0 && urgentAt < calmAt).Should().BeTrue("The urgent case should be listed first.");
        text.Should().Contain("Urgent: feels unsafe");
        // Dates in words, as on every page: no 2026-11-23 here.
        text.Should().NotMatchRegex(@"\b\d{4}-\d{2}-\d{2}\b");

        // A missed deadline on a waiting case shows on the list and on the handler's home page.
        var calmId = await app.CaseIdAsync(calm.Reference);
        await using (var db = app.NewDbContext())
        {
            var receivedOn = await db.ReportCases.Where(c => c.Id == calmId).Select(c => c.ReceivedOn).SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE report_cases SET received_on = {receivedOn.AddDays(-30)} WHERE id = {calmId}");
        }
        Html.Text(await ben.GetPageAsync("/cases")).Should().Contain("Missed");
        // A case whose only handler has left (account disabled) is waiting again, on every handler's list.
        var left = await app.ReportAsync(app.ReportFields("Report whose handler left."));
        var leftId = await app.CaseIdAsync(left.Reference);
        var nora = await app.SignedInAsync(app.Nora);
        await CaseApp.TakeAsync(nora, leftId);
        (await ben.GetPageAsync("/cases?view=unassigned")).Should().NotContain(left.Reference);
        await using (var db = app.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == app.Nora.Id);
            user.DisabledAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }
        (await ben.GetPageAsync("/cases?view=unassigned")).Should().Contain(left.Reference);

        var home = Html.Text(await ben.GetPageAsync("/"));
        home.Should().MatchRegex(@"\d+ reports are waiting for a handler \d+ urgent");
        home.Should().MatchRegex(@"\d+ deadlines? ha(s|ve) been missed");
    }
}
