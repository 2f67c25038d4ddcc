using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Auditing;

/// <summary>
/// The daily anchor of the audit trail: a signed checkpoint in the data directory, and the same figures emailed to
/// every active director, so that a copy of the head lives in their mailboxes too, out of any insider's reach.
/// </summary>
public sealed class DailyCheckpoint(ComplianceDbContext db, AuditAnchor anchor, EmailTemplates templates, IOptions<MailOptions> mail, TimeProvider clock)
{
    public async Task<AuditCheckpoint?> RunAsync(CancellationToken ct)
    {
        var checkpoint = await anchor.WriteAsync(db, "daily", ct);
        if (checkpoint is null) return null;
        var directors = await ActiveAccounts.InRole(db, Roles.Director).Where(u => u.Email != null)
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in directors)
        {
            var email = templates.Render(new AuditCheckpointEmail(checkpoint.Sequence, checkpoint.Hash, UkDates.Long(checkpoint.AtUtc)), d.DisplayName, mail.Value.Link("/audit"));
            db.OutboxMessages.Add(new OutboxMessage(d.Email!, d.DisplayName, email, "audit-checkpoint", checkpoint.Sequence.ToString(), now));
        }
        await db.SaveChangesAsync(ct);
        return checkpoint;
    }
}
