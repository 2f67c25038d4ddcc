using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Mail;

/// <summary>Sends a test message straight away with the saved settings, and says what happened in plain words.</summary>
public sealed class MailTester(ComplianceDbContext db, EmailTemplates templates, MailDispatcher dispatcher, AuditTrail audit, IOptions<MailOptions> options, TimeProvider clock)
{
    public async Task<string> SendAsync(string to, string sentBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await db.MailSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var email = templates.Render(new TestMessageEmail(sentBy, Infrastructure.UkTime.Format(now)), to, options.Value.Link("/"));
        var message = new OutboxMessage(to, to, email, "test", null, now);
        db.OutboxMessages.Add(message);
        // Claimed as one attempt, so a failure is recorded and retried like any other message.
        message.MarkAttempt(now + options.Value.ClaimFor);
        var error = await dispatcher.DeliverAsync(message, settings, ct);
        var result = error is not null ? $"The test message was not sent: {error} It will be tried again; see the Outbox page."
            : message.FileName is { } file ? $"No mail server is set, so the test message was saved to the outbox folder as {file}."
            : $"Test message sent to {to}. If it does not arrive, check the spam folder and the server's logs.";
        await audit.SaveAsync(db, new AuditEvent("mail.test-sent", "OutboxMessage", message.Id.ToString(), $"Test message to {to}: {message.Status}"), ct);
        return result;
    }
}
