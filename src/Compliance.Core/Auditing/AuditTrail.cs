using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Auditing;

/// <summary>
/// Saves a change together with the audit entries that record it, in one transaction. A transaction-scoped
/// advisory lock serialises writers, so two requests can never both append after the same head (no fork). Once
/// the transaction commits (here, or in the caller that began it), the signed record of the newest entry outside
/// the database moves on (<see cref="AuditAnchor.AdvanceHead"/>).
/// </summary>
public sealed class AuditTrail(TimeProvider clock, IAuditActor actor, AuditAnchor? anchor = null)
{

    public Task SaveAsync(ComplianceDbContext db, AuditEvent e, CancellationToken ct = default) =>
        SaveAsync(db, [e], ct);

    /// <summary>For events whose actor is not the current one: a sign-in is by the person signing in.</summary>
    public Task SaveAsAsync(ComplianceDbContext db, AuditActorInfo actingAs, AuditEvent e, CancellationToken ct = default) =>
        SaveAsync(db, [e], ct, actingAs);

    public async Task SaveAsync(ComplianceDbContext db, IReadOnlyCollection<AuditEvent> events, CancellationToken ct = default, AuditActorInfo? actingAs = null)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;

        await db.Dialect.TakeTurnAsync(db, WriterLock.AuditChain, ct);
        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);

        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditHash.Genesis;
        var now = AuditHash.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime);
        foreach (var e in events)
        {
            var entry = new AuditEntry(++sequence, now, actingAs ?? actor.Current, e, previous);
            db.AuditEntries.Add(entry);
            previous = entry.Hash;
        }

        await db.SaveChangesAsync(ct);
        if (anchor is not null)
        {
            var (newest, newestHash) = (sequence, previous);
            var after = head is null ? ((long, string)?)null : (head.Sequence, head.Hash);
            db.AfterCommit.Add(() => anchor.AdvanceHead(newest, newestHash, after));
        }
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
    }
}
