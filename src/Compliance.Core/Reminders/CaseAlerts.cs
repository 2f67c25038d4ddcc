using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Compliance.Core.Reminders;

/// <summary>
/// Tells case handlers at once that a report is waiting, or that a reporter has written on a case nobody has
/// opened since: by email and in the app, once each, saying only that something is waiting and how urgent it is
/// (never a word of the report, never its site). A case nobody has taken goes to every active handler not kept
/// out of it; a taken case to its handlers. The alert's records carry the day, not the time, of the report.
/// </summary>
public sealed class CaseAlerts(ComplianceDbContext db, ReminderQueue queue, TimeProvider clock, ILogger<CaseAlerts> logger)
{
    public const string NewReport = "case-new-report";
    public const string ReporterMessage = "case-reporter-message";

    /// <summary>A new report: every handler who may take it is told.</summary>
    public Task NewReportAsync(Guid caseId, CancellationToken ct) => AlertAsync(caseId, NewReport, caseId.ToString(), ct);

    /// <summary>
    /// The alerts about a report not yet saved, made ready before its transaction (every active handler not kept out
    /// of it, emails rendered), so that they are queued in the same transaction as the report: one write, not two.
    /// Null when there is no one to tell, or when they could not be made ready (the morning sweep tells them then).
    /// </summary>
    public async Task<PreparedReminders?> PrepareNewReportAsync(Guid caseId, bool feelsUnsafe, DateOnly receivedOn, IReadOnlyCollection<Guid> excluded, CancellationToken ct)
    {
        try
        {
            var handlers = await CaseHandlers.Active(db).Where(u => !excluded.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            var due = handlers.Select(h => Reminder(h, NewReport, caseId.ToString(), receivedOn, feelsUnsafe, assigned: false)).ToList();
            return await queue.PrepareAsync(due, await queue.RecipientsAsync(due, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotToldAtOnce(e);
            return null;
        }
    }

    /// <summary>
    /// Queues prepared alerts in the caller's open transaction, behind a savepoint: if they fail, the report in the
    /// same transaction is still saved (and the morning sweep tells the handlers).
    /// </summary>
    public async Task QueueInTransactionAsync(PreparedReminders? prepared, DateOnly day, CancellationToken ct)
    {
        if (prepared is null || db.Database.CurrentTransaction is not { } tx) return;
        await tx.CreateSavepointAsync("alerts", ct);
        try
        {
            // Stamped with the start of the day: the alert's records should not say when the reporter was at a keyboard.
            await queue.QueueAsync(prepared, UkCalendar.StartOfDayUtc(day), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await tx.RollbackToSavepointAsync("alerts", ct);
            NotToldAtOnce(e);
        }
    }

    /// <summary>A reporter's message on a case nobody had unread news on: its handlers (or, if none, every handler who may take it) are told.</summary>
    public Task ReporterWroteAsync(Guid caseId, Guid entryId, CancellationToken ct) => AlertAsync(caseId, ReporterMessage, entryId.ToString(), ct);

    /// <summary>The alerts about a waiting case, for the daily sweep to give any an instance did not (it died between saving and telling).</summary>
    public static IEnumerable<DueReminder> ForWaitingCase(Guid caseId, bool feelsUnsafe, DateOnly receivedOn, IEnumerable<Guid> handlers) =>
        handlers.Select(h => Reminder(h, NewReport, caseId.ToString(), receivedOn, feelsUnsafe, assigned: false));

    private async Task AlertAsync(Guid caseId, string kind, string subject, CancellationToken ct)
    {
        // The report or message is already saved: a failure here must not lose it or tell the reporter it failed.
        // The morning sweep gives any new-report alert that was not given now.
        try
        {
            var c = await db.ReportCases.AsNoTracking().Where(x => x.Id == caseId)
                .Select(x => new { x.FeelsUnsafe, x.ReceivedOn }).SingleAsync(ct);
            var assigned = await db.CaseAssignments.Where(a => a.CaseId == caseId).Select(a => a.UserId).ToListAsync(ct);
            var excluded = db.CaseExclusions.Where(x => x.CaseId == caseId).Select(x => x.UserId);
            var handlers = await CaseHandlers.Active(db).Where(u => !excluded.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
            // A case whose only handlers have left (disabled) is everyone's again, as a case nobody has taken.
            var mine = handlers.Where(assigned.Contains).ToList();
            var to = mine.Count > 0 ? mine : handlers;
            var today = UkCalendar.Today(clock);
            var due = to.Select(h => Reminder(h, kind, subject, kind == NewReport ? c.ReceivedOn : today, c.FeelsUnsafe, mine.Count > 0, caseId)).ToList();
            var people = await queue.RecipientsAsync(due, ct);
            // Stamped with the start of the day: the alert's records should not say when the reporter was at a keyboard.
            await queue.ClaimAndQueueAsync(due, people, UkCalendar.StartOfDayUtc(today), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotToldAtOnce(e);
        }
    }

    private static DueReminder Reminder(Guid handler, string kind, string subject, DateOnly dueOn, bool urgent, bool assigned, Guid? caseId = null)
    {
        var message = kind == ReporterMessage;
        var title = (urgent ? "Urgent: " : "") + (message
            ? assigned ? "the reporter has written on one of your cases" : "a reporter has written on a case waiting for a handler"
            : "a new report is waiting for a case handler");
        title = char.ToUpperInvariant(title[0]) + title[1..];
        var path = assigned && caseId is { } id ? $"/cases/{id}" : "/cases?view=unassigned";
        return new DueReminder(handler, kind, subject, dueOn, title, path, new CaseWaitingEmail(urgent, message, !assigned));
    }

    private void NotToldAtOnce(Exception e) =>
        logger.LogWarning("Case handlers could not be told at once about a waiting case ({Reason}); the morning reminder sweep will tell them.", e.GetType().Name);
}
