using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Auditing;

/// <summary>
/// The daily anchor of the audit trail: a signed checkpoint in the data directory, and the same figures emailed to
/// every active director, so that a copy of the head lives in their mailboxes too, out of any insider's reach. It is
/// emailed only through a mail server: with none set, messages would be written to the outbox folder inside the same
/// data directory, within an insider's reach, so none is queued and the log says so.
/// </summary>
public sealed class DailyCheckpoint(ComplianceDbContext db, AuditAnchor anchor, EmailTemplates templates, IOptions<MailOptions> mail, TimeProvider clock,
    ILogger<DailyCheckpoint>? logger = null)
{
    public async Task<AuditCheckpoint?> RunAsync(CancellationToken ct)
    {
        var checkpoint = await anchor.WriteAsync(db, "daily", ct);
        if (checkpoint is null) return null;
        if (await db.MailSettings.AsNoTracking().CurrentAsync(ct) is not { IsConfigured: true })
        {
            logger?.LogWarning("The day's audit checkpoint was not emailed to the directors: no mail server is set (Administration, Mail). A copy outside the data directory is what lets it catch an insider.");
            return checkpoint;
        }
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
