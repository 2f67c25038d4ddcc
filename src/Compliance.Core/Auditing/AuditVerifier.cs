using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Auditing;

/// <param name="TimeStamped">The newest checkpoint a time-stamping authority vouched for, in words; null when none did.</param>
/// <param name="TimeStampWarning">A time-stamp token that cannot be relied on, in words. It says nothing against the chain, which the
/// checkpoints themselves check, so it is shown beside the result rather than failing it.</param>
public sealed record AuditVerification(long Count, string HeadHash, long? FirstBadSequence, string? Problem, string? TimeStamped = null, string? TimeStampWarning = null)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Recomputes the chain from the first entry and names the first one that was altered, removed or reordered;
/// then checks the chain against every signed checkpoint kept outside the database, and against the signed record of
/// its newest entry, which catch what a chain alone cannot: the newest entries deleted, or an entry edited and every
/// later hash recomputed.
/// </summary>
public sealed class AuditVerifier(ComplianceDbContext db, AuditAnchor anchor, Microsoft.Extensions.Options.IOptions<CheckpointTimeStampOptions>? stampOptions = null)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var chain = await VerifyChainAsync(ct);
        return chain.IsValid ? await VerifyCheckpointsAsync(chain, ct) : chain;
    }

    private async Task<AuditVerification> VerifyCheckpointsAsync(AuditVerification chain, CancellationToken ct)
    {
        var checkpoints = anchor.ReadAll();
        if (checkpoints.Count == 0 && anchor.HasKey && chain.Count > 0)
        {
            return chain with { Problem = "the checkpoints this installation wrote are missing from anchor/checkpoints: they were deleted, so the newest entries cannot be checked" };
        }
        // Each checkpoint written since they were recorded in the chain is named by an entry: its file must still be there.
        // Those before the last acknowledged failure were set aside with it.
        var acknowledged = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAcknowledgement.Action).MaxAsync(a => (long?)a.Sequence, ct) ?? 0;
        var recorded = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAnchor.CheckpointAction && a.Sequence > acknowledged).OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.EntityId }).ToListAsync(ct);
        if (anchor.OwnKeyId() is not { } keyId)
        {
            if (recorded.Count > 0)
            {
                return chain with { FirstBadSequence = recorded[0].Sequence, Problem = $"entry {recorded[0].Sequence} records a checkpoint, but anchor/ holds no checkpoint key: the folder was deleted or replaced" };
            }
        }
        else
        {
            var files = checkpoints.Select(c => c.File).ToHashSet(StringComparer.Ordinal);
            var prefix = keyId + "/";
            var gone = recorded.FirstOrDefault(r => r.EntityId is { } id && id.StartsWith(prefix, StringComparison.Ordinal) && !files.Contains(id[prefix.Length..]));
            if (gone is not null)
            {
                return chain with { FirstBadSequence = gone.Sequence, Problem = $"entry {gone.Sequence} records the checkpoint {gone.EntityId![prefix.Length..]}, which is missing from anchor/checkpoints: it was deleted" };
            }
        }
        string? stamped = null, warning = null;
        var trusted = CheckpointTimeStamps.TrustedCertificates(stampOptions?.Value ?? new CheckpointTimeStampOptions());
        foreach (var (file, checkpoint, holds) in checkpoints)
        {
            if (checkpoint is null || !holds)
            {
                return chain with { Problem = $"the checkpoint {file} is not signed by this installation's checkpoint key: it was altered or put there by hand" };
            }
            var when = UkDates.Long(checkpoint.AtUtc);
            var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == checkpoint.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(ct);
            if (entry is null)
            {
                return chain with { FirstBadSequence = checkpoint.Sequence, Problem = $"the checkpoint of {when} ({file}) names entry {checkpoint.Sequence}, which no longer exists: the newest entries were removed" };
            }
            if (entry != checkpoint.Hash)
            {
                return chain with { FirstBadSequence = checkpoint.Sequence, Problem = $"entry {checkpoint.Sequence} no longer matches the checkpoint of {when} ({file}): entries up to it were altered and the hashes recomputed, or removed and written again" };
            }
            var tokenFile = CheckpointTimeStamps.TokenFile(anchor.CheckpointsFolder, file);
            if (!File.Exists(tokenFile)) continue;
            var stamp = CheckpointTimeStamps.Examine(await File.ReadAllBytesAsync(tokenFile, ct), checkpoint, trusted);
            if (!stamp.Holds)
            {
                warning ??= $"the time-stamp kept for the checkpoint of {when} ({Path.GetFileName(tokenFile)}) cannot be relied on: {stamp.Problem}";
                continue;
            }
            stamped = $"entry {checkpoint.Sequence}, time-stamped {stamp.Described}";
        }
        return await VerifyHeadAsync(chain with { TimeStamped = stamped, TimeStampWarning = warning }, ct);
    }

    /// <summary>The entries written since the last checkpoint, against the signed record of the newest entry.</summary>
    private async Task<AuditVerification> VerifyHeadAsync(AuditVerification chain, CancellationToken ct)
    {
        var (head, holds) = anchor.ReadHead();
        // Every checkpoint starts the record when there is none, so checkpoints without it mean it was deleted (or the
        // app has not started since it was upgraded): the entries after the last checkpoint cannot be checked.
        if (head is null && chain.Count > 0 && anchor.ReadAll().Count > 0)
        {
            return chain with { Problem = "the record of the newest entry (anchor/head.json) is missing though checkpoints exist: it was deleted, so the entries written since the last checkpoint cannot be checked (if the app has not been started since it was upgraded, start it once)" };
        }
        if (head is null) return chain;
        if (!holds)
        {
            return chain with { Problem = "the record of the newest entry (anchor/head.json) is not signed by this installation's checkpoint key: it was altered or put there by hand" };
        }
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == head.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(ct);
        if (entry is null)
        {
            return chain with { FirstBadSequence = head.Sequence, Problem = $"the record of the newest entry (anchor/head.json) names entry {head.Sequence}, which no longer exists: the newest entries were removed" };
        }
        return entry == head.Hash ? chain : chain with
        {
            FirstBadSequence = head.Sequence,
            Problem = $"entry {head.Sequence} no longer matches the record of the newest entry (anchor/head.json): entries up to it were altered and the hashes recomputed, or removed and written again",
        };
    }

    /// <summary>The chain alone, from its first entry, without the checkpoints and the record of the newest entry.</summary>
    public async Task<AuditVerification> VerifyChainAsync(CancellationToken ct = default)
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
