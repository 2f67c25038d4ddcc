using System.Net;
using Compliance.Core.Mail;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Reminders;

public sealed class MailDeliveryTests(ReminderApp app) : IClassFixture<ReminderApp>
{
    private static readonly DateTimeOffset Morning = DateTimeOffset.Parse("2026-11-23T07:00:00Z");

    [Fact]
    public async Task With_no_mail_server_messages_are_saved_to_the_outbox_folder_and_listed_on_the_Outbox_page()
    {
        await app.UseMailServerAsync(null);
        var assessment = await app.AssessmentDueAsync("Outbox folder site", new DateOnly(2026, 12, 1));
        await app.SweepAsync(Morning);
        await app.DispatchAsync();

        var message = Assert.Single(await app.MessagesAsync(assessment));
        Assert.Equal(MessageStatus.SavedToFolder, message.Status);
        var file = Path.Combine(app.DataDirectory, "outbox", message.FileName!);
        var eml = await File.ReadAllTextAsync(file);
        Assert.Contains("To: \"Hana Human\" <hr@example.test>", eml);
        Assert.Contains($"Message-ID: <{message.Id:N}@", eml);
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.Contains("Outbox folder site"));

        var admin = await app.SignedInAdministratorAsync();
        var page = await admin.GetPageAsync("/admin/outbox?status=folder");
        Assert.Contains("No mail server is set", page);
        Assert.Contains(message.FileName!, page);
        var download = await admin.GetAsync($"/admin/outbox?handler=File&id={message.Id}");
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Outbox folder site", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_message_waits_is_shown_as_failed_and_is_delivered_once_it_is_back()
    {
        await using var down = new TestSmtpServer();
        await app.UseMailServerAsync(down.Port); // nothing listens there yet
        var assessment = await app.AssessmentDueAsync("Server down site", new DateOnly(2026, 12, 2));
        await app.SweepAsync(Morning);
        await app.DispatchAsync();
        var waiting = Assert.Single(await app.MessagesAsync(assessment));
        Assert.Equal(MessageStatus.Queued, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("Could not reach the mail server", waiting.LastError);
        var admin = await app.SignedInAdministratorAsync();
        Assert.Contains("Could not reach the mail server", await admin.GetPageAsync("/admin/outbox?status=waiting"));

        // The server comes back, but the back-off has not passed: nothing is sent yet.
        await down.StartAgainAsync();
        await app.DispatchAsync();
        Assert.Empty(down.Messages());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
        await app.DispatchAsync();
        var after = Assert.Single(await app.MessagesAsync(assessment));
        Assert.True(down.Messages().Count == 1, $"{after.Status} {after.Attempts} {after.LastError}");
        var received = Assert.Single(down.Messages());
        Assert.Contains("Server down site", received);
        var sent = Assert.Single(await app.MessagesAsync(assessment));
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task An_administrator_tries_a_given_up_message_again_from_the_Outbox_page_and_asks_for_waiting_mail_to_go_now()
    {
        await app.UseMailServerAsync(app.Smtp.Port);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage("retry@example.test", "Rita Retry", new RenderedEmail("Given up subject", "<p>Given up body</p>", "Given up body"), "test", null, now);
        message.MarkAttempt(now.AddMinutes(1));
        message.AttemptFailed("550 Mailbox unavailable", now, []);
        await using (var db = app.NewDbContext())
        {
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
        }
        var admin = await app.SignedInAdministratorAsync();
        Assert.Contains("550 Mailbox unavailable", Html.Text(await admin.GetPageAsync("/admin/outbox")));

        var retry = await admin.SubmitFormAsync("/admin/outbox", [new("id", message.Id.ToString())], postUrl: "/admin/outbox?handler=Retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Contains("The message to retry@example.test will be tried again now.", Html.Text(await admin.GetPageAsync("/admin/outbox")));
        await app.DispatchAsync();
        Assert.Contains(await app.Smtp.WaitForAsync(1), m => m.Contains("Given up body"));
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(MessageStatus.Sent, (await db.OutboxMessages.SingleAsync(m => m.Id == message.Id)).Status);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "mail.retried" && a.EntityId == message.Id.ToString()));
        }

        // Sent now, so there is nothing to try again: said as a problem, and nothing changes.
        await admin.SubmitFormAsync("/admin/outbox", [new("id", message.Id.ToString())], postUrl: "/admin/outbox?handler=Retry");
        Assert.Contains("role=\"alert\"><p>That message is not waiting to be sent", await admin.GetPageAsync("/admin/outbox"));

        var sendNow = await admin.SubmitFormAsync("/admin/outbox", [], postUrl: "/admin/outbox?handler=SendNow");
        Assert.Equal(HttpStatusCode.Redirect, sendNow.StatusCode);
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(MessageStatus.Sent, (await db.OutboxMessages.SingleAsync(m => m.Id == message.Id)).Status);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == "mail-dispatch"));
        }
    }

    [Fact]
    public async Task Two_instances_sweeping_and_sending_at_the_same_moment_deliver_every_reminder_exactly_once()
    {
        await app.UseMailServerAsync(app.Smtp.Port);
        var before = app.Smtp.Messages().Count;
        var assessment = await app.AssessmentDueAsync("Two instances site", new DateOnly(2027, 1, 1));
        var actions = new List<Guid>();
        for (var i = 0; i < 40; i++) actions.Add(await app.ActionDueAsync(assessment, $"Two-instance action {i}", new DateOnly(2026, 11, 1)));

        await using var second = new SecondInstance(app);
        var instant = Morning.AddDays(2);
        var sweeps = await Task.WhenAll(app.SweepAsync(instant), second.SweepAsync(instant), app.SweepAsync(instant), second.SweepAsync(instant));
        await Task.WhenAll(app.DispatchAsync(), second.DispatchAsync(), app.DispatchAsync());

        var mine = (await app.Smtp.WaitForAsync(before + 40)).Where(m => m.Contains("Two-instance action")).ToList();
        Assert.Equal(40, mine.Count);
        Assert.Equal(40, mine.Select(m => System.Text.RegularExpressions.Regex.Match(m, "Two-instance action \\d+").Value).Distinct().Count());
        Assert.True(sweeps.Sum(s => s.Queued) >= 40);
        await using var db = app.NewDbContext();
        var keys = actions.Select(a => a.ToString()).ToList();
        Assert.Equal(40, await db.ReminderDeliveries.CountAsync(d => keys.Contains(d.Subject)));
        Assert.Equal(40, await db.Notifications.CountAsync(n => keys.Contains(n.Subject)));
    }

    /// <summary>A second copy of the app on the same database and data directory, as a second server would be.</summary>
    private sealed class SecondInstance(ReminderApp first) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Compliance:Database:Provider", TestDatabase.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Compliance", first.ConnectionString);
            builder.UseSetting("Compliance:DataDirectory", first.DataDirectory);
            builder.UseSetting("Compliance:Jobs:Run", "false");
            builder.UseSetting("Compliance:Reminders:BatchSize", "7");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(first.Clock));
        }

        public async Task<Compliance.Core.Reminders.SweepResult> SweepAsync(DateTimeOffset at)
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Compliance.Core.Reminders.ReminderSweep>().RunAsync(at, CancellationToken.None);
        }

        public async Task DispatchAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MailDispatcher>().RunAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_mail_settings_refuse_bad_values_keep_the_password_secret_and_send_a_test_message()
    {
        var admin = await app.SignedInAdministratorAsync();
        var bad = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "smtp example org"), new("Input.Port", "five"), new("Input.FromAddress", "not an address")],
            postUrl: "/admin/mail?handler=Save");
        var text = Html.Text(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Enter the server's name only", text);
        Assert.Contains("Enter the port as a number", text);
        Assert.Contains("Enter the sender as an email address", text);

        // STARTTLS unticked (a browser then sends nothing for it) is saved as off.
        var saved = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()),
            new("Input.UserName", ""), new("Input.Password", "s3cret-smtp-password"), new("Input.FromAddress", "compliance@example.test"), new("Input.FromName", "Compliance")],
            postUrl: "/admin/mail?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = app.NewDbContext())
        {
            var settings = await db.MailSettings.SingleAsync();
            Assert.Equal(app.Smtp.Port, settings.Port);
            Assert.False(settings.StartTls);
            Assert.Null(settings.ProtectedPassword); // no user name, so no password is kept
            Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "mail.settings-changed");
        }
        Assert.DoesNotContain("checked", Html.Tag(await admin.GetPageAsync("/admin/mail"), "Input_StartTls"));

        // A user name and password are never sent over an unencrypted connection: refused, nothing changed, boxes as they were.
        var clear = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()),
            new("Input.UserName", "mailer"), new("Input.Password", "s3cret-smtp-password"), new("Input.FromAddress", "compliance@example.test")],
            postUrl: "/admin/mail?handler=Save");
        var clearPage = await clear.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Contains("Turn on STARTTLS to sign in to the server", Html.Text(clearPage));
        Assert.Contains("href=\"#Input_StartTls\"", clearPage);
        await using (var db = app.NewDbContext())
        {
            Assert.Null((await db.MailSettings.SingleAsync()).UserName);
        }

        var withUser = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()), new("Input.StartTls", "true"),
            new("Input.UserName", "mailer"), new("Input.Password", "s3cret-smtp-password"), new("Input.FromAddress", "compliance@example.test")],
            postUrl: "/admin/mail?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, withUser.StatusCode);
        await using (var db = app.NewDbContext())
        {
            var settings = await db.MailSettings.SingleAsync();
            Assert.True(settings.StartTls);
            Assert.NotNull(settings.ProtectedPassword);
            Assert.DoesNotContain("s3cret", settings.ProtectedPassword);
            var change = await db.AuditEntries.Where(a => a.Action == "mail.settings-changed").OrderByDescending(a => a.Sequence).Select(a => a.Summary).FirstAsync();
            Assert.Contains("STARTTLS", change);
            Assert.Contains("signs in as mailer; password changed", change);
            Assert.DoesNotContain("s3cret", change);
        }
        Assert.Contains("checked", Html.Tag(await admin.GetPageAsync("/admin/mail"), "Input_StartTls"));
        Assert.DoesNotContain("s3cret", await admin.GetPageAsync("/admin/mail"));
        Assert.DoesNotContain(app.Logs, l => l.Contains("s3cret"));

        // A password that can no longer be decrypted (the keys were lost) is a failure the page explains, not an error page.
        await using (var db = app.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE mail_settings SET start_tls = false, protected_password = 'CfDJ8-not-readable-any-more'");
        }
        var unreadable = await admin.SubmitFormAsync("/admin/mail", [new("TestTo", "someone@example.test")], postUrl: "/admin/mail?handler=Test");
        Assert.Equal(HttpStatusCode.Redirect, unreadable.StatusCode);
        var unreadablePage = await admin.GetPageAsync("/admin/mail");
        Assert.Contains("role=\"alert\"><p>The test message was not sent: The stored mail server password cannot be read", unreadablePage);
        await using (var db = app.NewDbContext())
        {
            var failedTest = await db.OutboxMessages.SingleAsync(m => m.Kind == "test" && m.ToAddress == "someone@example.test");
            // Not tried again by itself later: it would arrive long after the settings were put right.
            Assert.Equal(MessageStatus.GaveUp, failedTest.Status);
            Assert.Contains("cannot be read", failedTest.LastError);
        }

        // Without a user name again, then a test message to the real server.
        await app.UseMailServerAsync(app.Smtp.Port);
        var before = app.Smtp.Messages().Count;
        var test = await admin.SubmitFormAsync("/admin/mail", [new("TestTo", "someone@example.test")], postUrl: "/admin/mail?handler=Test");
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var received = await app.Smtp.WaitForAsync(before + 1);
        Assert.Contains(received, m => m.Contains("Test message from your harassment prevention records") && m.Contains("someone@example.test"));
        Assert.Contains("Test message sent to someone@example.test", Html.Text(await admin.GetPageAsync("/admin/mail")));
    }
}
