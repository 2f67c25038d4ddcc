using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Auditing;

/// <summary>
/// A failed check of the audit trail's anchor, acknowledged by a director: after a restore from a backup (whose
/// later entries are rightly gone), or once a deletion has been investigated. The checkpoints and the record of the
/// newest entry are set aside (kept, never deleted) in <c>anchor/set-aside/</c>, the acknowledgement is written to
/// the chain with the problem and the reason, and a new checkpoint starts a new record. Until then no checkpoint
/// is written over the failed chain. A chain whose own entries were altered, removed or reordered cannot be
/// acknowledged: that stays named for good.
/// </summary>
public sealed class AuditAcknowledgement(ComplianceDbContext db, AuditAnchor anchor, AuditTrail audit)
{
    public const string Action = "audit.problem.acknowledged";
    public const int MaxReasonLength = 1000;

    public async Task<List<FieldError>> AcknowledgeAsync(string? reason, string byName, CancellationToken ct = default)
    {
        var verifier = new AuditVerifier(db, anchor);
        if ((await verifier.VerifyChainAsync(ct)) is { IsValid: false } chain)
        {
            return [new("", $"The chain itself is broken ({chain.Problem}): that cannot be acknowledged. Keep a copy of the database as it is and investigate.")];
        }
        var verdict = await verifier.VerifyAsync(ct);
        if (verdict.IsValid) return [new("", "The audit trail passes its check: there is nothing to acknowledge.")];
        var errors = new List<FieldError>();
        var why = TextRules.Required(reason, MaxReasonLength, "Reason", "The reason", errors,
            "Say why the failed check is expected, such as \"Restored from the backup of 1 December 2026\".");
        if (errors.Count > 0) return errors;

        var aside = anchor.SetAside();
        await audit.SaveAsync(db, new AuditEvent(Action, "AuditChain", aside, $"Failed check of the audit trail acknowledged by {byName} ({why}): {verdict.Problem}"), ct);
        await anchor.WriteAsync(db, "after an acknowledged failed check", ct);
        return [];
    }

    /// <summary>Every acknowledgement so far, newest first: who, when, why and what had failed.</summary>
    public Task<List<AuditEntry>> HistoryAsync(CancellationToken ct = default) =>
        db.AuditEntries.AsNoTracking().Where(e => e.Action == Action).OrderByDescending(e => e.Sequence).ToListAsync(ct);
}
