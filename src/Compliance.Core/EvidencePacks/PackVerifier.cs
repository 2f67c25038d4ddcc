using System.Security.Cryptography;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.EvidencePacks;

/// <summary>What checking a file says: whether this installation made it, and if so when and for which period, and nothing else.</summary>
public sealed record PackVerification(string Sha256, bool Genuine, DateTime? GeneratedAtUtc, DateOnly? From, DateOnly? To, long? AuditSequence, bool ChainIntact, string? ChainProblem, bool IsRecordsZip = false)
{
    public string Verdict => !Genuine
        ? "Not known: this installation did not make a pack or records ZIP with exactly these bytes. The file may have been changed, or made elsewhere."
        : ChainIntact
            ? $"Genuine: this installation made this {(IsRecordsZip ? "records ZIP, with its evidence pack," : "pack")} on {UkDates.Long(GeneratedAtUtc!.Value)} (UK time) for {UkDates.Long(From!.Value)} to {UkDates.Long(To!.Value)}; its SHA-256 is audit entry {AuditSequence:N0}, and the audit chain, with its checkpoints, passes its check."
            : $"Made here on {UkDates.Long(GeneratedAtUtc!.Value)} for {UkDates.Long(From!.Value)} to {UkDates.Long(To!.Value)}, but the audit chain does not pass its check: the record cannot be relied on. The organisation's administrator can see where with verify-audit.";
}

/// <summary>
/// Checks a file against the packs made here: its SHA-256 must be that of a stored pack, and the audit entry written
/// when it was made must carry the same hash, in a chain that is intact up to that entry.
/// </summary>
public sealed class PackVerifier(ComplianceDbContext db, AuditVerifier chain)
{
    /// <summary>
    /// The last check of the whole chain, by the head it checked up to: a public page may be asked many times, and
    /// the chain is read again only when it has grown (or the head changed).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(long Sequence, string Hash), (AuditVerification Result, DateTime At)> Checked = new();

    /// <summary>How long a check of the chain is trusted before it is made again, even if the head is the same.</summary>
    private static readonly TimeSpan CheckedFor = TimeSpan.FromMinutes(5);

    private async Task<AuditVerification> ChainAsync(CancellationToken ct)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var key = (head?.Sequence ?? 0, head?.Hash ?? "");
        if (Checked.TryGetValue(key, out var known) && DateTime.UtcNow - known.At < CheckedFor) return known.Result;
        var result = await chain.VerifyAsync(ct);
        if (Checked.Count > 100) Checked.Clear();
        Checked[key] = (result, DateTime.UtcNow);
        return result;
    }

    public async Task<PackVerification> VerifyAsync(Stream file, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        // The pack's PDF, or the records ZIP made with it.
        var pack = await db.EvidencePacks.AsNoTracking().Where(p => (p.Sha256 == sha || p.RecordsSha256 == sha) && p.Status == PackStatus.Ready && p.AuditSequence != null)
            .Select(p => new { p.Id, p.GeneratedAtUtc, p.PeriodFrom, p.PeriodTo, p.AuditSequence, Records = p.RecordsSha256 == sha }).FirstOrDefaultAsync(ct);
        if (pack is null) return new(sha, false, null, null, null, null, false, null);
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == pack.AuditSequence).Select(a => new { a.Action, a.EntityId, a.Summary }).FirstOrDefaultAsync(ct);
        // The stored row alone proves nothing: the hash must be in the chain, in the entry written when the pack was made.
        if (entry is null || entry.Action != EvidencePackWork.GeneratedAction || entry.EntityId != pack.Id.ToString() || !entry.Summary.Contains(sha, StringComparison.Ordinal))
            return new(sha, false, null, null, null, null, false, null);
        var result = await ChainAsync(ct);
        // Only the whole check vouches for the pack's entry, as with verify-audit --up-to: a checkpoint's failure names
        // where it was found, not where the change was, and a break in the chain leaves the checkpoints unchecked.
        var intact = result.IsValid;
        return new(sha, true, pack.GeneratedAtUtc, pack.PeriodFrom, pack.PeriodTo, pack.AuditSequence, intact, intact ? null : result.Problem, pack.Records);
    }
}
