using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Cases;

/// <summary>
/// Tells a confidential reporter who asked for it that a message is waiting on the follow-up page: nothing more,
/// not even the case reference. Queued in the same transaction as the message, only when a mail server is set
/// (a reporter's address is never written to the outbox folder), and deleted from the outbox once sent.
/// </summary>
public sealed class ReporterNotices(ComplianceDbContext db, EmailTemplates templates, IOptions<MailOptions> mail, TimeProvider clock)
{
    /// <returns>Whether a notice was queued.</returns>
    public async Task<bool> QueueAsync(ReportCase c, CaseSeal seal, CancellationToken ct)
    {
        if (seal.ReadReplyAddress(c) is not { } address) return false;
        var settings = await db.MailSettings.AsNoTracking().CurrentAsync(ct);
        if (settings is not { IsConfigured: true }) return false;
        var email = templates.Render(new ReporterMessageEmail(), "there", mail.Value.Link("/report/follow-up"));
        db.OutboxMessages.Add(new OutboxMessage(address, "", email, OutboxMessage.ReporterNoticeKind, null, clock.GetUtcNow().UtcDateTime));
        return true;
    }
}
