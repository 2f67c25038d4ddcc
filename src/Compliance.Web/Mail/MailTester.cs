using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Mail;

/// <summary>What a test message did, in plain words, and whether it went.</summary>
public sealed record MailTestResult(bool Sent, string Message);

/// <summary>Sends a test message straight away with the saved settings, and says what happened in plain words.</summary>
public sealed class MailTester(ComplianceDbContext db, EmailTemplates templates, MailDispatcher dispatcher, AuditTrail audit, IOptions<MailOptions> options, TimeProvider clock)
{
    public async Task<MailTestResult> SendAsync(string to, string sentBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await db.MailSettings.AsNoTracking().CurrentAsync(ct);
        var email = templates.Render(new TestMessageEmail(sentBy, Infrastructure.UkTime.Format(now)), to, options.Value.Link("/"));
        var message = new OutboxMessage(to, to, email, "test", null, now);
        db.OutboxMessages.Add(message);
        // Claimed as one attempt so that it is recorded on the Outbox page. A test that fails is not tried again by
        // itself: it would arrive out of the blue long after the settings were put right.
        message.MarkAttempt(now + options.Value.ClaimFor);
        var error = await dispatcher.DeliverAsync(message, settings, ct, backOff: []);
        var result = error is not null ? new MailTestResult(false, $"The test message was not sent: {error} Check the settings and send another.")
            : message.FileName is { } file ? new MailTestResult(true, $"No mail server is set, so the test message was saved to the outbox folder as {file}.")
            : new MailTestResult(true, $"Test message sent to {to}. If it does not arrive, check the spam folder and the server's logs.");
        await audit.SaveAsync(db, new AuditEvent("mail.test-sent", "OutboxMessage", message.Id.ToString(), $"Test message to {to}: {(result.Sent ? "sent" : "not sent")}"), ct);
        return result;
    }
}
