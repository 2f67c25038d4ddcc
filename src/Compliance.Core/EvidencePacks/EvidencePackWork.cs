using System.Security.Cryptography;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// Asking for packs, making them in the background, and handing out the stored file. A request is a row; the job
/// claims one row at a time, makes the pack from a snapshot, and stores it with its SHA-256 in the same transaction
/// as the audit entry that records that hash. A claim that is not renewed lapses, so a pack cut short by a restart is
/// made again; one that was finished is never made twice.
/// </summary>
public sealed class EvidencePackWork(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, IServiceScopeFactory scopes, ILogger<EvidencePackWork> logger, AuditAnchor? anchor = null,
    CheckpointTimeStamps? stamps = null)
{
    public const string GeneratedAction = "evidence-pack.generated";
    public const int MaxAttempts = 3;

    public async Task<(Guid? Id, List<FieldError> Errors)> RequestAsync(PackRequestInput input, Guid? userId, string byName, bool mayAskForNames, CancellationToken ct = default)
    {
        var (from, to, errors) = PackPeriod.Resolve(input, UkCalendar.Today(clock));
        if (input.Named && !mayAskForNames) errors.Add(new(nameof(input.Named), "Only a director can ask for the named edition."));
        if (errors.Count > 0) return (null, errors);
        var pack = new EvidencePack(RecordId.Undated(), from, to, input.Named, userId, byName, clock.GetUtcNow().UtcDateTime);
        db.EvidencePacks.Add(pack);
        await audit.SaveAsync(db, AuditEvent.For("evidence-pack.requested", "EvidencePack", pack.Id,
            $"Evidence pack ({(pack.Named ? "named" : "anonymised")} edition) for {UkDates.Long(from)} to {UkDates.Long(to)} asked for by {byName}."), ct);
        return (pack.Id, errors);
    }

    /// <summary>Makes every pack waiting (or cut short); returns how many were made.</summary>
    public async Task<int> GeneratePendingAsync(CancellationToken ct = default)
    {
        var made = 0;
        while (await ClaimNextAsync(ct) is { } claim)
        {
            if (await MakeAsync(claim, ct)) made++;
        }
        return made;
    }

    /// <summary>
    /// Makes one pack now (the evidence-pack command); false if it was not waiting or could not be made.
    /// <paramref name="made"/> is given what the pack says (for an HTML copy).
    /// </summary>
    public async Task<bool> GenerateAsync(Guid id, CancellationToken ct = default, Action<PackContent>? made = null) =>
        await ClaimNextAsync(ct, id) is { } claim && await MakeAsync(claim, ct, made);

    /// <summary>A claim on a pack, renewed as the pack is made; its time says whose it is.</summary>
    private sealed class Claim(Guid id, DateTime at)
    {
        public Guid Id { get; } = id;
        public DateTime At { get; set; } = at;
    }

    /// <summary>Thrown when another instance has taken over the pack (this one's claim lapsed): this one stops quietly.</summary>
    private sealed class ClaimLostException() : Exception("Another instance took the pack over.");

    /// <summary>Microseconds at most, as both engines keep them, so that a claim's time compares equal when read back.</summary>
    private DateTime Now() => AuditHash.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime);

    private async Task<Claim?> ClaimNextAsync(CancellationToken ct, Guid? only = null)
    {
        var now = Now();
        var lapsed = now - EvidencePack.ClaimLapsesAfter;
        // A pack whose making stopped the instance (or failed) as often as it may be tried is not tried again.
        await db.EvidencePacks.Where(p => p.Status == PackStatus.Generating && p.ClaimedAtUtc < lapsed && p.Attempts >= MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PackStatus.Failed).SetProperty(p => p.Chapter, "Failed")
                .SetProperty(p => p.Error, $"The pack was started {MaxAttempts} times and never finished."), ct);
        var candidates = await db.EvidencePacks.AsNoTracking()
            .Where(p => only == null || p.Id == only)
            .Where(p => p.Status == PackStatus.Queued || (p.Status == PackStatus.Generating && (p.ClaimedAtUtc == null || p.ClaimedAtUtc < lapsed)))
            .OrderBy(p => p.RequestedAtUtc).Select(p => new { p.Id, p.Status, p.ClaimedAtUtc }).Take(5).ToListAsync(ct);
        foreach (var c in candidates)
        {
            // Taken only if nobody took it since it was read: the claim is one conditional update.
            var taken = await db.EvidencePacks.Where(p => p.Id == c.Id && p.Status == c.Status && p.ClaimedAtUtc == c.ClaimedAtUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PackStatus.Generating).SetProperty(p => p.ClaimedAtUtc, now)
                    .SetProperty(p => p.Attempts, p => p.Attempts + 1).SetProperty(p => p.Percent, 0).SetProperty(p => p.Chapter, "Starting"), ct);
            if (taken == 1) return new Claim(c.Id, now);
        }
        return null;
    }

    private async Task<bool> MakeAsync(Claim claim, CancellationToken ct, Action<PackContent>? made = null)
    {
        var id = claim.Id;
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var request = await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        try
        {
            PackContent content;
            // The pack is read in a scope of its own, whose connection holds the snapshot; progress is written here.
            await using (var scope = scopes.CreateAsyncScope())
            {
                var builder = scope.ServiceProvider.GetRequiredService<PackBuilder>();
                content = await builder.BuildAsync(request, clock.GetUtcNow().UtcDateTime, (chapter, percent) =>
                {
                    logger.LogDebug("Evidence pack {PackId}: {Chapter} from {Ms:F0} ms", id, chapter, timer.Elapsed.TotalMilliseconds);
                    return ProgressAsync(claim, chapter, percent, ct);
                }, ct);
            }
            var read = timer.Elapsed;
            await ProgressAsync(claim, "Laying out the PDF", 92, ct);
            // The records ZIP first: the PDF prints its SHA-256, so the one vouches for the other.
            var companion = PackRecordsZip.Write(content);
            content.RecordsSha256 = Convert.ToHexStringLower(SHA256.HashData(companion));
            using var certificate = content.SigningCertificate;
            var signer = certificate is null ? null : new Documents.PdfSigner(certificate, $"Evidence pack {content.PackId} for {content.Period}", content.Organisation);
            var (pdf, pages) = PackPdf.Render(content, signer);
            var signing = signer?.Signing ?? TimeSpan.Zero;
            var laidOut = timer.Elapsed - read - signing;
            made?.Invoke(content);
            logger.LogInformation("Evidence pack {PackId}: read in {ReadMs:F0} ms, laid out in {LayoutMs:F0} ms, signed in {SignMs:F0} ms, {Pages} pages", id, read.TotalMilliseconds,
                laidOut.TotalMilliseconds, signing.TotalMilliseconds, pages);
            var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
            var stored = await StoreAsync(claim, pdf, companion, sha, pages, content, ct);
            // The pack's own entry is anchored outside the database at once, as decision 0011 says.
            if (stored && anchor is not null && await anchor.TryWriteAsync(db, "evidence pack", ct) is not null && stamps is not null)
            {
                // Only the checkpoint just written, at once; any others are the timer's. The pack is made whatever happens here.
                try
                {
                    await stamps.StampMissingAsync(ct, atMost: 1);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("Evidence pack {PackId}: its checkpoint could not be time-stamped now ({Reason}); the timer tries again.", id, e.GetType().Name);
                }
            }
            return stored;
        }
        catch (ClaimLostException)
        {
            logger.LogWarning("Evidence pack {PackId}: another instance took it over; this one stopped", id);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Evidence pack {PackId} could not be made", id);
            var failed = request.Attempts >= MaxAttempts;
            await db.EvidencePacks.Where(p => p.Id == id && p.Status == PackStatus.Generating && p.ClaimedAtUtc == claim.At).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, failed ? PackStatus.Failed : PackStatus.Queued)
                .SetProperty(p => p.Chapter, failed ? "Failed" : "Waiting to try again")
                .SetProperty(p => p.Error, "The pack could not be made: " + e.GetBaseException().Message), CancellationToken.None);
            return false;
        }
    }

    /// <summary>Shows what is being written, and renews the claim so no other instance takes the pack meanwhile.</summary>
    private async Task ProgressAsync(Claim claim, string chapter, int percent, CancellationToken ct)
    {
        var now = Now();
        var renewed = await db.EvidencePacks.Where(p => p.Id == claim.Id && p.Status == PackStatus.Generating && p.ClaimedAtUtc == claim.At)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Chapter, chapter).SetProperty(p => p.Percent, percent).SetProperty(p => p.ClaimedAtUtc, now), ct);
        if (renewed == 0) throw new ClaimLostException();
        claim.At = now;
    }

    private async Task<bool> StoreAsync(Claim claim, byte[] pdf, byte[] companion, string sha, int pages, PackContent content, CancellationToken ct)
    {
        // What this context tracks (the request, when it was made in the same scope) is older than the row.
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var id = claim.Id;
        await db.Dialect.LockRowsAsync(db, $"SELECT id FROM evidence_packs WHERE id = {id}", ct);
        var pack = await db.EvidencePacks.SingleAsync(p => p.Id == id, ct);
        // Taken over by another instance meanwhile (this one's claim lapsed): that one makes it, this one is dropped.
        if (pack.Status != PackStatus.Generating || pack.ClaimedAtUtc != claim.At) return false;
        pack.Finish(pdf, companion, sha, content.RecordsSha256!, pages, content.GeneratedAtUtc);
        await audit.SaveAsync(db, AuditEvent.For(GeneratedAction, "EvidencePack", id,
            $"Evidence pack for {content.Period} ({(pack.Named ? "named" : "anonymised")} edition, {pages} pages, {pdf.Length:N0} bytes) made for {pack.RequestedByName}; SHA-256 {sha}; records ZIP SHA-256 {content.RecordsSha256}."), ct);
        var sequence = await db.AuditEntries.Where(a => a.Action == GeneratedAction && a.EntityId == id.ToString()).MaxAsync(a => a.Sequence, ct);
        pack.Recorded(sequence);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The stored file, byte for byte, with the download in the audit trail; null when there is no such pack ready.</summary>
    /// <param name="mayReadNames">Whether the person may have a named edition (a director): to anyone else one is not there.</param>
    public async Task<(byte[] Content, string FileName)?> DownloadAsync(Guid id, bool companion, string byName, bool mayReadNames, CancellationToken ct = default)
    {
        var pack = await db.EvidencePacks.AsNoTracking().Where(p => p.Id == id && p.Status == PackStatus.Ready && (mayReadNames || !p.Named))
            .Select(p => new { p.Id, p.PeriodFrom, p.PeriodTo, p.Named, Bytes = companion ? p.Companion : p.Content, p.Sha256 }).FirstOrDefaultAsync(ct);
        if (pack?.Bytes is null) return null;
        var what = companion ? "records ZIP of the evidence pack" : "evidence pack";
        db.ChangeTracker.Clear();
        await audit.SaveAsync(db, AuditEvent.For(companion ? "evidence-pack.records-downloaded" : "evidence-pack.downloaded", "EvidencePack", id,
            $"The {what} for {UkDates.Long(pack.PeriodFrom)} to {UkDates.Long(pack.PeriodTo)} (SHA-256 {pack.Sha256}) downloaded by {byName}."), ct);
        return (pack.Bytes, EvidencePack.FileNameOf(pack.PeriodFrom, pack.PeriodTo, pack.Named, companion));
    }
}
