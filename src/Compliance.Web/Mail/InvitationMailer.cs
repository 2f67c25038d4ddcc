using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Mail;

/// <summary>What became of emailing a one-time link: sent, or why not (the page then says to pass it on by hand).</summary>
public sealed record InvitationMailResult(bool Sent, string Message);

/// <summary>
/// Emails a one-time link (an invitation or a fresh link) when a mail server is set. The message goes straight to
/// the server and is never queued in the outbox or written to its folder: the link is a secret, kept nowhere but in
/// the email itself (only its hash is stored). When no server is set, or it refuses, the page still shows the link.
/// </summary>
public sealed class InvitationMailer(ComplianceDbContext db, EmailTemplates templates, IMailTransport transport, AuditTrail audit, TimeProvider clock)
{
    public async Task<InvitationMailResult> SendAsync(Guid userId, string toAddress, string toName, string url, DateTime expiresAtUtc, string invitedBy, CancellationToken ct)
    {
        var settings = await db.MailSettings.AsNoTracking().CurrentAsync(ct);
        if (settings is not { IsConfigured: true })
        {
            return new(false, "No mail server is set up, so the link was not emailed: pass it on yourself.");
        }
        var organisation = await db.Organisations.NameAsync(ct) ?? "";
        var email = templates.Render(new InvitationEmail(organisation, invitedBy, Infrastructure.UkTime.Format(expiresAtUtc)), toName, url);
        var message = new OutboxMessage(toAddress, toName, email, "invitation", null, clock.GetUtcNow().UtcDateTime);
        try
        {
            await transport.DeliverAsync(message, settings, ct);
        }
        catch (MailDeliveryException e)
        {
            return new(false, $"The link could not be emailed ({e.Message}): pass it on yourself.");
        }
        await audit.SaveAsync(db, AuditEvent.For("account.link-emailed", "Account", userId, $"One-time link emailed to {toAddress}"), ct);
        return new(true, $"The link has been emailed to {toAddress}.");
    }
}
