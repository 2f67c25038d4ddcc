using System.Net;
using Compliance.Core.Mail;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

public sealed class ReporterNoticeApp : ReminderApp;

public sealed class ReporterNoticeTests(ReporterNoticeApp app) : IClassFixture<ReporterNoticeApp>
{
    private const string Address = "reporter.canary@example.test";

    private Dictionary<string, string> Confidential(string contact, bool notify)
    {
        var fields = app.ReportFields("The supervisor keeps standing too close in the stock room.");
        fields["Input.Mode"] = "Confidential";
        fields["Input.Name"] = "Rae Reporter";
        fields["Input.Contact"] = contact;
        if (notify) fields["Input.NotifyByEmail"] = "true";
        return fields;
    }

    [Fact]
    public async Task A_confidential_reporter_who_asks_is_emailed_only_that_a_message_is_waiting_and_the_address_is_kept_sealed()
    {
        await app.UseMailServerAsync(app.Smtp.Port);
        long Count(string sql) => TestDatabase.ScalarAsync<long>(app.ConnectionString, sql).GetAwaiter().GetResult();
        var before = Count("SELECT count(*) FROM report_cases");

        // A phone number cannot take an email: the field is named and nothing is saved.
        var refused = await app.NewClient().SubmitMultipartAsync("/report", Confidential("07700 900123", notify: true), []);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("href=\"#Input_Contact\">To be told by email when there is a message, give an email address", refusedHtml);
        Assert.Contains("value=\"07700 900123\"", refusedHtml);
        Assert.Equal(before, Count("SELECT count(*) FROM report_cases"));

        // An anonymous report keeps no address, even with the box ticked.
        var anonymous = app.ReportFields("Anonymous words.");
        anonymous["Input.Contact"] = "someone@example.test";
        anonymous["Input.NotifyByEmail"] = "true";
        var (anonymousReference, _, _) = await app.ReportAsync(anonymous);
        Assert.Null((await app.CaseAsync(anonymousReference)).SealedReplyAddress);

        var (reference, _, _) = await app.ReportAsync(Confidential(Address, notify: true));
        var id = await app.CaseIdAsync(reference);
        // Sealed with the case's key: the address is not in the database as text.
        Assert.Equal(0, Count(TestDatabase.IsSqlite
            ? "SELECT count(*) FROM report_cases WHERE instr(sealed_reply_address, CAST('reporter.canary' AS BLOB)) > 0"
            : "SELECT count(*) FROM report_cases WHERE position(convert_to('reporter.canary', 'UTF8') in sealed_reply_address) > 0"));
        Assert.Equal(1, Count($"SELECT count(*) FROM report_cases WHERE id = {TestDatabase.Literal(id)} AND sealed_reply_address IS NOT NULL"));

        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        Assert.Contains("asked to be told by email when there is a message", Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id))));
        Assert.Equal(HttpStatusCode.Redirect, (await CaseApp.ActAsync(hattie, id, "Acknowledge", ("AckMessage", "Ack-canary: we have your report."))).StatusCode);

        // While it waits to be sent, the Outbox page does not show whom it is for.
        var outbox = Html.Text(await (await app.SignedInAdministratorAsync()).GetPageAsync("/admin/outbox"));
        Assert.Contains("A reporter (address kept private)", outbox);
        Assert.DoesNotContain(Address, outbox);

        await app.DispatchAsync();
        var toReporter = app.Smtp.Messages().Where(m => m.Contains(Address)).ToList();
        var notice = Assert.Single(toReporter);
        Assert.Contains("A new message is waiting for you", notice);
        Assert.Contains("/report/follow-up", notice);
        Assert.DoesNotContain("Ack-canary", notice);
        Assert.DoesNotContain(reference, notice);
        Assert.DoesNotContain(CaseApp.SiteName, notice);
        Assert.DoesNotContain("Rae Reporter", notice);
        // Once sent, the outbox keeps no trace of the reporter's address.
        Assert.Equal(0, Count($"SELECT count(*) FROM outbox_messages WHERE kind = '{OutboxMessage.ReporterNoticeKind}' OR to_address = '{Address}'"));

        // A note only handlers read tells the reporter nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await CaseApp.ActAsync(hattie, id, "Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", "01/11/2026"), ("Record.Text", "Internal-only meeting note"))).StatusCode);
        await app.DispatchAsync();
        Assert.Single(app.Smtp.Messages(), m => m.Contains(Address));
    }
}
