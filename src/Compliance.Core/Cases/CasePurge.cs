using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Cases;

public sealed record PurgeResult(int Purged, int Held)
{
    public string Summary => $"{Purged:N0} closed cases purged; {Held:N0} past retention kept under legal hold.";
}

/// <summary>
/// Removes closed cases whose retention period has passed (6 years after closure by default) unless they are
/// under legal hold: the case's rows, its wrapped data key (with the row), its sealed files, and its reminders,
/// notifications and queued messages. What stays is one audit entry per case saying it was purged, and when.
/// </summary>
public sealed class CasePurge(ComplianceDbContext db, CaseFileStore files, AuditTrail audit, IOptions<CaseOptions> options, TimeProvider clock, ILogger<CasePurge> logger)
{
    /// <summary>The first day a case closed on the given day may be purged: the day after its retention period ends.</summary>
    public static DateOnly FirstPurgeDay(DateOnly closedOn, int retentionYears) => closedOn.AddYears(Math.Max(1, retentionYears)).AddDays(1);

    /// <summary>What a run now would do, changing nothing: how many cases it would purge, and how many it keeps under hold.</summary>
    public async Task<PurgeResult> PreviewAsync(CancellationToken ct)
    {
        var (_, expired) = await ExpiredAsync(ct);
        return new PurgeResult(expired.Count(c => !c.LegalHold), expired.Count(c => c.LegalHold));
    }

    public async Task<PurgeResult> RunAsync(CancellationToken ct)
    {
        var (closedBy, expired) = await ExpiredAsync(ct);
        var purged = 0;
        foreach (var c in expired.Where(c => !c.LegalHold))
        {
            if (await PurgeOneAsync(c.Id, closedBy, RetentionYears, ct)) purged++;
        }
        files.DeleteOrphans(await db.ReportCases.Select(c => c.Id).ToListAsync(ct), clock.GetUtcNow().UtcDateTime);
        var result = new PurgeResult(purged, expired.Count(c => c.LegalHold));
        logger.LogInformation("Case purge: {Summary}", result.Summary);
        return result;
    }

    private int RetentionYears => Math.Max(1, options.Value.RetentionYears);

    /// <summary>Closed cases whose retention period has passed, with whether each is held, and the closing day that decides it.</summary>
    private async Task<(DateOnly ClosedBy, List<(Guid Id, bool LegalHold)> Cases)> ExpiredAsync(CancellationToken ct)
    {
        var closedBy = UkCalendar.Today(clock).AddYears(-RetentionYears);
        var expired = await db.ReportCases.AsNoTracking()
            .Where(c => c.State == CaseState.Closed && c.ClosedOn != null && c.ClosedOn < closedBy)
            .Select(c => new { c.Id, c.LegalHold }).ToListAsync(ct);
        return (closedBy, expired.Select(c => (c.Id, c.LegalHold)).ToList());
    }

    private async Task<bool> PurgeOneAsync(Guid caseId, DateOnly closedBy, int years, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Under the row lock, check again: a hold placed a moment ago wins.
        await db.Dialect.LockRowsAsync(db, $"SELECT 1 FROM report_cases WHERE id = {caseId}", ct);
        var c = await db.ReportCases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.Reference, x.ClosedOn, x.LegalHold }).SingleOrDefaultAsync(ct);
        if (c is null || c.LegalHold || c.ClosedOn is not { } closedOn || closedOn >= closedBy) return false;
        var subject = caseId.ToString();
        await db.ReminderDeliveries.Where(d => d.Subject == subject).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.Subject == subject).ExecuteDeleteAsync(ct);
        await db.OutboxMessages.Where(m => m.SubjectKey == subject).ExecuteDeleteAsync(ct);
        // Entries, files, assignments and exclusions go with the case (cascade); so does its wrapped key.
        await db.ReportCases.Where(x => x.Id == caseId).ExecuteDeleteAsync(ct);
        await audit.SaveAsAsync(db, AuditActorInfo.System, AuditEvent.For("case.purged", "Case", caseId,
            $"Case {c.Reference}, closed on {closedOn:d MMMM yyyy}, purged after its {years}-year retention period: its record, files and key are gone."), ct);
        await tx.CommitAsync(ct);
        files.DeleteCase(caseId);
        await db.Dialect.ForgetDeletedAsync(db, ct);
        return true;
    }
}
