using System.Net;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Accounts;

public sealed class InvitationMailApp : ReminderApp;

public sealed class InvitationMailTests(InvitationMailApp app) : IClassFixture<InvitationMailApp>
{
    private async Task<(string Html, string Link)> InviteAsync(AppClient admin, string name, string email)
    {
        var response = await admin.SubmitFormAsync("/admin/users/invite", [new("Name", name), new("Email", email), new("Roles", Roles.HRManager)]);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (html, AppClient.InputValue(html, "issued-link"));
    }

    [Fact]
    public async Task An_invitation_is_emailed_when_a_mail_server_is_set_and_is_still_shown_once_but_kept_nowhere()
    {
        var admin = await app.SignedInAdministratorAsync();

        // No mail server: the link is shown to pass on by hand, and no message or file holds it.
        await app.UseMailServerAsync(null);
        var (unsent, unsentLink) = await InviteAsync(admin, "Una Unmailed", "una@example.test");
        Html.Text(unsent).Should().Contain("No mail server is set up, so the link was not emailed");
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        (Directory.Exists(outbox) && Directory.EnumerateFiles(outbox).Any(f => File.ReadAllText(f).Contains(unsentLink))).Should().BeFalse();

        // With a server, the person gets the link by email, and the page says so and shows it too.
        await app.UseMailServerAsync(app.Smtp.Port);
        var (sent, link) = await InviteAsync(admin, "Mia Mailed", "mia@example.test");
        Html.Text(sent).Should().Contain("The link has been emailed to mia@example.test");
        var message = (await app.Smtp.WaitForAsync(1)).Should().ContainSingle(m => m.Contains("mia@example.test")).Which;
        message.Should().Contain(link);
        message.Should().Contain("Acme Hospitality Ltd");
        message.Should().Contain("Choose your password");

        // The link is a secret: not in the outbox table, nor in the audit, nor in any file of the data directory.
        await using (var db = app.NewDbContext())
        {
            (await db.OutboxMessages.AnyAsync(m => m.TextBody.Contains(link) || m.HtmlBody.Contains(link))).Should().BeFalse();
            (await db.AuditEntries.Select(a => a.Action + " " + a.Summary).ToListAsync()).Should().Contain(s => s == "account.link-emailed One-time link emailed to mia@example.test");
            (await db.AuditEntries.AnyAsync(a => a.Summary.Contains(link))).Should().BeFalse();
        }
        Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories).Should().NotContain(f => File.ReadAllText(f).Contains(link));

        // The emailed link works.
        var invitee = app.NewClient();
        (await invitee.GetAsync(new Uri(link).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);

        // A fresh link for a lost password is emailed the same way.
        Guid miaId;
        await using (var db = app.NewDbContext()) miaId = await db.Users.Where(u => u.Email == "mia@example.test").Select(u => u.Id).SingleAsync();
        var fresh = await admin.SubmitFormAsync($"/admin/users/edit?id={miaId}", [new("Id", miaId.ToString())], postUrl: $"/admin/users/edit?id={miaId}&handler=Link");
        var freshHtml = await fresh.Content.ReadAsStringAsync();
        var freshLink = AppClient.InputValue(freshHtml, "issued-link");
        Html.Text(freshHtml).Should().Contain("The link has been emailed to mia@example.test");
        (await app.Smtp.WaitForAsync(2)).Should().Contain(m => m.Contains(freshLink));

        // A server that cannot be reached: the page says so, and the link is still there to pass on.
        await app.Smtp.StopAsync();
        var (failed, failedLink) = await InviteAsync(admin, "Fay Failed", "fay@example.test");
        Html.Text(failed).Should().Contain("The link could not be emailed");
        failedLink.Should().StartWith("http");
    }
}
