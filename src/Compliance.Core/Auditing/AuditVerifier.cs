using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Auditing;

public sealed record AuditVerification(long Count, string HeadHash, long? FirstBadSequence, string? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Recomputes the chain from the first entry and names the first one that was altered, removed or reordered.
/// Removing the newest entries leaves a shorter valid chain: compare the head hash with one recorded
/// elsewhere (an evidence pack, the administrator's own note) to detect that.
/// </summary>
public sealed class AuditVerifier(ComplianceDbContext db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var expectedSequence = 1L;
        var previousHash = AuditHash.Genesis;
        var count = 0L;
        AuditEntry? brokenLink = null;

        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (AuditHash.Compute(entry.PreviousHash, entry) != entry.Hash)
            {
                return Bad(entry.Sequence, $"entry {entry.Sequence} was altered: its content no longer matches its hash");
            }
            if (entry.Sequence > expectedSequence)
            {
                return Bad(expectedSequence, $"entry {expectedSequence} was removed: the chain jumps from entry {expectedSequence - 1} to entry {entry.Sequence}");
            }
            if (entry.Sequence < expectedSequence)
            {
                return Bad(entry.Sequence, $"entry {entry.Sequence} appears more than once: entries were reordered or copied");
            }
            if (entry.PreviousHash != previousHash)
            {
                brokenLink = entry;
                break;
            }
            previousHash = entry.Hash;
            expectedSequence++;
        }
        if (brokenLink is null)
        {
            return new AuditVerification(count, previousHash, null, null);
        }

        // The entry is intact but was written after some other entry: if that one still exists, the order was changed.
        var linksToAnotherEntry = await db.AuditEntries.AnyAsync(a => a.Hash == brokenLink.PreviousHash, ct);
        return Bad(brokenLink.Sequence, linksToAnotherEntry
            ? $"entry {brokenLink.Sequence} is out of order: it was written after a different entry than entry {expectedSequence - 1}, so entries were reordered"
            : $"entry {brokenLink.Sequence} does not follow entry {expectedSequence - 1}: the entry it was written after has been removed");

        AuditVerification Bad(long sequence, string problem) => new(count, previousHash, sequence, problem);
    }
}
