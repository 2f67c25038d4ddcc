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

        var message = (await app.MessagesAsync(assessment)).Should().ContainSingle().Which;
        message.Status.Should().Be(MessageStatus.SavedToFolder);
        var file = Path.Combine(app.DataDirectory, "outbox", message.FileName!);
        var eml = await File.ReadAllTextAsync(file);
        eml.Should().Contain("To: Hana Human <hr@example.test>");
        eml.Should().Contain($"Message-Id: <{message.Id:N}@");
        // HTML with a plain-text alternative, the file readable by the app's own account only.
        var parsed = MimeKit.MimeMessage.Load(file);
        parsed.MessageId.Should().Be($"{message.Id:N}@localhost");
        parsed.TextBody.Should().Contain("Outbox folder site");
        parsed.HtmlBody.Should().Contain("Outbox folder site");
        parsed.Body?.ContentType.MimeType.Should().Be("multipart/alternative");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        app.Smtp.Messages().Should().NotContain(m => m.Contains("Outbox folder site"));

        var admin = await app.SignedInAdministratorAsync();
        var page = await admin.GetPageAsync("/admin/outbox?status=folder");
        page.Should().Contain("No mail server is set");
        page.Should().Contain(message.FileName!);
        var download = await admin.GetAsync($"/admin/outbox?handler=File&id={message.Id}");
        (download.Content.Headers.ContentType?.MediaType).Should().Be("message/rfc822");
        (await download.Content.ReadAsStringAsync()).Should().Contain("Outbox folder site");
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_message_waits_is_shown_as_failed_and_is_delivered_once_it_is_back()
    {
        await using var down = new TestSmtpServer();
        await app.UseMailServerAsync(down.Port); // nothing listens there yet
        var assessment = await app.AssessmentDueAsync("Server down site", new DateOnly(2026, 12, 2));
        await app.SweepAsync(Morning);
        await app.DispatchAsync();
        var waiting = (await app.MessagesAsync(assessment)).Should().ContainSingle().Which;
        waiting.Status.Should().Be(MessageStatus.Queued);
        waiting.Attempts.Should().Be(1);
        waiting.LastError.Should().Contain("Could not reach the mail server");
        var admin = await app.SignedInAdministratorAsync();
        (await admin.GetPageAsync("/admin/outbox?status=waiting")).Should().Contain("Could not reach the mail server");

        // The server comes back, but the back-off has not passed: nothing is sent yet.
        await down.StartAgainAsync();
        await app.DispatchAsync();
        down.Messages().Should().BeEmpty();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
        await app.DispatchAsync();
        var after = (await app.MessagesAsync(assessment)).Should().ContainSingle().Which;
        (down.Messages().Count == 1).Should().BeTrue($"{after.Status} {after.Attempts} {after.LastError}");
        var received = down.Messages().Should().ContainSingle().Which;
        received.Should().Contain("Server down site");
        var sent = (await app.MessagesAsync(assessment)).Should().ContainSingle().Which;
        sent.Status.Should().Be(MessageStatus.Sent);
        sent.LastError.Should().BeNull();
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
        Html.Text(await admin.GetPageAsync("/admin/outbox")).Should().Contain("550 Mailbox unavailable");

        var retry = await admin.SubmitFormAsync("/admin/outbox", [new("id", message.Id.ToString())], postUrl: "/admin/outbox?handler=Retry");
        retry.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await admin.GetPageAsync("/admin/outbox")).Should().Contain("The message to retry@example.test will be tried again now.");
        await app.DispatchAsync();
        (await app.Smtp.WaitForAsync(1)).Should().Contain(m => m.Contains("Given up body"));
        await using (var db = app.NewDbContext())
        {
            (await db.OutboxMessages.SingleAsync(m => m.Id == message.Id)).Status.Should().Be(MessageStatus.Sent);
            (await db.AuditEntries.AnyAsync(a => a.Action == "mail.retried" && a.EntityId == message.Id.ToString())).Should().BeTrue();
        }

        // Sent now, so there is nothing to try again: said as a problem, and nothing changes.
        await admin.SubmitFormAsync("/admin/outbox", [new("id", message.Id.ToString())], postUrl: "/admin/outbox?handler=Retry");
        (await admin.GetPageAsync("/admin/outbox")).Should().Contain("role=\"alert\"><p>That message is not waiting to be sent");

        var sendNow = await admin.SubmitFormAsync("/admin/outbox", [], postUrl: "/admin/outbox?handler=SendNow");
        sendNow.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = app.NewDbContext())
        {
            (await db.OutboxMessages.SingleAsync(m => m.Id == message.Id)).Status.Should().Be(MessageStatus.Sent);
            (await db.AuditEntries.AnyAsync(a => a.Action == "job.run-requested" && a.EntityId == "mail-dispatch")).Should().BeTrue();
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
        mine.Count.Should().Be(40);
        mine.Select(m => System.Text.RegularExpressions.Regex.Match(m, "Two-instance action \\d+").Value).Distinct().Count().Should().Be(40);
        (sweeps.Sum(s => s.Queued) >= 40).Should().BeTrue();
        await using var db = app.NewDbContext();
        var keys = actions.Select(a => a.ToString()).ToList();
        (await db.ReminderDeliveries.CountAsync(d => keys.Contains(d.Subject))).Should().Be(40);
        (await db.Notifications.CountAsync(n => keys.Contains(n.Subject))).Should().Be(40);
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
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().Contain("Enter the server's name only");
        text.Should().Contain("Enter the port as a number");
        text.Should().Contain("Enter the sender as an email address");

        // A choice the form never offers is refused, and nothing is saved.
        var odd = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()), new("Input.Security", "StartTls,None"),
            new("Input.FromAddress", "compliance@example.test")], postUrl: "/admin/mail?handler=Save");
        odd.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await odd.Content.ReadAsStringAsync()).Should().Contain("Choose how the connection is encrypted");
        await using (var db = app.NewDbContext())
        {
            (await db.AuditEntries.AnyAsync(a => a.Action == "mail.settings-changed")).Should().BeFalse();
        }

        // No encryption, for a relay on the same network.
        var saved = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()), new("Input.Security", "None"),
            new("Input.UserName", ""), new("Input.Password", "s3cret-smtp-password"), new("Input.FromAddress", "compliance@example.test"), new("Input.FromName", "Compliance")],
            postUrl: "/admin/mail?handler=Save");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = app.NewDbContext())
        {
            var settings = await db.MailSettings.SingleAsync();
            settings.Port.Should().Be(app.Smtp.Port);
            settings.Security.Should().Be(MailSecurity.None);
            settings.ProtectedPassword.Should().BeNull(); // no user name, so no password is kept
            (await db.AuditEntries.Select(a => a.Action).ToListAsync()).Should().Contain(a => a == "mail.settings-changed");
        }
        Html.Tag(await admin.GetPageAsync("/admin/mail"), "Input_Security").Should().NotContain("checked");
        Html.Tag(await admin.GetPageAsync("/admin/mail"), "security-none").Should().Contain("checked");

        // A user name and password are never sent over an unencrypted connection: refused, nothing changed, boxes as they were.
        var clear = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()), new("Input.Security", "None"),
            new("Input.UserName", "mailer"), new("Input.Password", "s3cret-smtp-password"), new("Input.FromAddress", "compliance@example.test")],
            postUrl: "/admin/mail?handler=Save");
        var clearPage = await clear.Content.ReadAsStringAsync();
        clear.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(clearPage).Should().Contain("Choose STARTTLS or TLS to sign in to the server");
        clearPage.Should().Contain("href=\"#Input_Security\"");
        await using (var db = app.NewDbContext())
        {
            (await db.MailSettings.SingleAsync()).UserName.Should().BeNull();
        }

        var withUser = await admin.SubmitFormAsync("/admin/mail", [new("Input.Host", "127.0.0.1"), new("Input.Port", app.Smtp.Port.ToString()), new("Input.Security", "StartTls"),
            new("Input.UserName", "mailer"), new("Input.Password", "s3cret-smtp-password"), new("Input.FromAddress", "compliance@example.test")],
            postUrl: "/admin/mail?handler=Save");
        withUser.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = app.NewDbContext())
        {
            var settings = await db.MailSettings.SingleAsync();
            settings.Security.Should().Be(MailSecurity.StartTls);
            settings.ProtectedPassword.Should().NotBeNull();
            settings.ProtectedPassword.Should().NotContain("s3cret");
            var change = await db.AuditEntries.Where(a => a.Action == "mail.settings-changed").OrderByDescending(a => a.Sequence).Select(a => a.Summary).FirstAsync();
            change.Should().Contain("STARTTLS");
            change.Should().Contain("signs in as mailer; password changed");
            change.Should().NotContain("s3cret");
        }
        Html.Tag(await admin.GetPageAsync("/admin/mail"), "Input_Security").Should().Contain("checked");
        (await admin.GetPageAsync("/admin/mail")).Should().NotContain("s3cret");
        app.Logs.Should().NotContain(l => l.Contains("s3cret"));

        // A password that can no longer be decrypted (the keys were lost) is a failure the page explains, not an error page.
        await using (var db = app.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE mail_settings SET security = 0, protected_password = 'CfDJ8-not-readable-any-more'");
        }
        var unreadable = await admin.SubmitFormAsync("/admin/mail", [new("TestTo", "someone@example.test")], postUrl: "/admin/mail?handler=Test");
        unreadable.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var unreadablePage = await admin.GetPageAsync("/admin/mail");
        unreadablePage.Should().Contain("role=\"alert\"><p>The test message was not sent: The stored mail server password cannot be read");
        await using (var db = app.NewDbContext())
        {
            var failedTest = await db.OutboxMessages.SingleAsync(m => m.Kind == "test" && m.ToAddress == "someone@example.test");
            // Not tried again by itself later: it would arrive long after the settings were put right.
            failedTest.Status.Should().Be(MessageStatus.GaveUp);
            failedTest.LastError.Should().Contain("cannot be read");
        }

        // Without a user name again, then a test message to the real server.
        await app.UseMailServerAsync(app.Smtp.Port);
        var before = app.Smtp.Messages().Count;
        var test = await admin.SubmitFormAsync("/admin/mail", [new("TestTo", "someone@example.test")], postUrl: "/admin/mail?handler=Test");
        test.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var received = await app.Smtp.WaitForAsync(before + 1);
        received.Should().Contain(m => m.Contains("Test message from your harassment prevention records") && m.Contains("someone@example.test"));
        Html.Text(await admin.GetPageAsync("/admin/mail")).Should().Contain("Test message sent to someone@example.test");
    }
}
