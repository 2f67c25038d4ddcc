using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Mail;

/// <summary>Sends a test message straight away with the saved settings, and says what happened in plain words.</summary>
public sealed class MailTester(ComplianceDbContext db, EmailTemplates templates, IMailTransport transport, AuditTrail audit, IOptions<MailOptions> options, TimeProvider clock)
{
    public async Task<string> SendAsync(string to, string sentBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await db.MailSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var email = templates.Render(new TestMessageEmail(sentBy, Infrastructure.UkTime.Format(now)), to, options.Value.Link("/"));
        var message = new OutboxMessage(to, to, email, "test", null, now);
        db.OutboxMessages.Add(message);
        string result;
        try
        {
            // Claimed as one attempt, so a failure is recorded and retried like any other message.
            message.MarkAttempt(now + options.Value.ClaimFor);
            var file = await transport.DeliverAsync(message, settings is { IsConfigured: true } ? settings : null, ct);
            message.Delivered(clock.GetUtcNow().UtcDateTime, file);
            result = file is null ? $"Test message sent to {to}. If it does not arrive, check the spam folder and the server's logs."
                : $"No mail server is set, so the test message was saved to the outbox folder as {file}.";
        }
        catch (MailDeliveryException e)
        {
            message.AttemptFailed(e.Message, now, options.Value.BackOff);
            result = $"The test message was not sent: {e.Message} It will be tried again; see the Outbox page.";
        }
        await audit.SaveAsync(db, new AuditEvent("mail.test-sent", "OutboxMessage", message.Id.ToString(), $"Test message to {to}: {message.Status}"), ct);
        return result;
    }
}
