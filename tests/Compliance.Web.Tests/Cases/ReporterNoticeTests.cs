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
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        refusedHtml.Should().Contain("href=\"#Input_Contact\">To be told by email when there is a message, give an email address");
        refusedHtml.Should().Contain("value=\"07700 900123\"");
        Count("SELECT count(*) FROM report_cases").Should().Be(before);

        // An anonymous report keeps no address, even with the box ticked.
        var anonymous = app.ReportFields("Anonymous words.");
        anonymous["Input.Contact"] = "someone@example.test";
        anonymous["Input.NotifyByEmail"] = "true";
        var (anonymousReference, _, _) = await app.ReportAsync(anonymous);
        (await app.CaseAsync(anonymousReference)).SealedReplyAddress.Should().BeNull();

        var (reference, _, _) = await app.ReportAsync(Confidential(Address, notify: true));
        var id = await app.CaseIdAsync(reference);
        // Sealed with the case's key: the address is not in the database as text.
        Count(TestDatabase.IsSqlite
            ? "SELECT count(*) FROM report_cases WHERE instr(sealed_reply_address, CAST('reporter.canary' AS BLOB)) > 0"
            : "SELECT count(*) FROM report_cases WHERE position(convert_to('reporter.canary', 'UTF8') in sealed_reply_address) > 0").Should().Be(0);
        Count($"SELECT count(*) FROM report_cases WHERE id = {TestDatabase.Literal(id)} AND sealed_reply_address IS NOT NULL").Should().Be(1);

        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id))).Should().Contain("asked to be told by email when there is a message");
        (await CaseApp.ActAsync(hattie, id, "Acknowledge", ("AckMessage", "Ack-canary: we have your report."))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // While it waits to be sent, the Outbox page does not show whom it is for.
        var outbox = Html.Text(await (await app.SignedInAdministratorAsync()).GetPageAsync("/admin/outbox"));
        outbox.Should().Contain("A reporter (address kept private)");
        outbox.Should().NotContain(Address);

        await app.DispatchAsync();
        var toReporter = app.Smtp.Messages().Where(m => m.Contains(Address)).ToList();
        var notice = toReporter.Should().ContainSingle().Which;
        notice.Should().Contain("A new message is waiting for you");
        notice.Should().Contain("/report/follow-up");
        notice.Should().NotContain("Ack-canary");
        notice.Should().NotContain(reference);
        notice.Should().NotContain(CaseApp.SiteName);
        notice.Should().NotContain("Rae Reporter");
        // Once sent, the outbox keeps no trace of the reporter's address.
        Count($"SELECT count(*) FROM outbox_messages WHERE kind = '{OutboxMessage.ReporterNoticeKind}' OR to_address = '{Address}'").Should().Be(0);

        // A note only handlers read tells the reporter nothing.
        (await CaseApp.ActAsync(hattie, id, "Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", "01/11/2026"), ("Record.Text", "Internal-only meeting note"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await app.DispatchAsync();
        app.Smtp.Messages().Should().ContainSingle(m => m.Contains(Address));
    }
}
