using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Reminders;

/// <summary>
/// Cases tell their handlers: a deadline coming up (acknowledge, triage, feedback to the reporter) goes to the
/// assigned handlers; a missed one, or one on a case nobody has taken, goes to every case handler; a check-in after
/// closure goes to the assigned handlers. Handlers kept out of a case are never told about it. Nothing of the
/// case's content is in the reminder. Four queries, whatever the size.
/// </summary>
public sealed class CaseReminders(ComplianceDbContext db, IOptions<CaseOptions> caseOptions, IOptions<ReminderOptions> options) : IReminderSource
{
    public string Name => "Cases";

    public async Task<IReadOnlyList<DueReminder>> DueAsync(DateOnly today, CancellationToken ct)
    {
        var handlers = (await CaseHandlers.Active(db).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        if (handlers.Count == 0) return [];
        var cases = await db.ReportCases.AsNoTracking()
            .Where(c => c.State != CaseState.Closed || c.CheckInsSent < c.CheckInDates.Count)
            .Select(c => new { c.Id, c.FeelsUnsafe, Timeline = new CaseTimeline(c.State, c.ReceivedOn, c.AcknowledgedOn, c.FeedbackGivenOn, c.CheckInDates, c.CheckInsSent) })
            .ToListAsync(ct);
        var open = cases.Select(c => c.Id).ToList();
        var assigned = (await db.CaseAssignments.AsNoTracking().Where(a => open.Contains(a.CaseId)).Select(a => new { a.CaseId, a.UserId }).ToListAsync(ct))
            .ToLookup(a => a.CaseId, a => a.UserId);
        var excluded = (await db.CaseExclusions.AsNoTracking().Where(x => open.Contains(x.CaseId)).Select(x => new { x.CaseId, x.UserId }).ToListAsync(ct))
            .ToLookup(x => x.CaseId, x => x.UserId);

        var notice = options.Value.CaseDeadlineNoticeDays;
        var due = new List<DueReminder>();
        foreach (var c in cases)
        {
            var mine = assigned[c.Id].Where(handlers.Contains).ToList();
            var everyone = handlers.Except(excluded[c.Id]).ToList();
            var path = $"/cases/{c.Id}";
            // A report nobody has taken: the alert given when it arrived, or now if that instance could not give it.
            if (c.Timeline.State != CaseState.Closed && !assigned[c.Id].Any())
            {
                due.AddRange(CaseAlerts.ForWaitingCase(c.Id, c.FeelsUnsafe, c.Timeline.ReceivedOn, everyone));
            }
            foreach (var d in CaseDeadlines.Open(c.Timeline, caseOptions.Value))
            {
                // Triage cannot start before acknowledgement: its reminder waits until then.
                if (d.Kind == DeadlineKind.Triage && c.Timeline.State == CaseState.Received) continue;
                if (d.Kind == DeadlineKind.CheckIn)
                {
                    if (d.DueOn > today) continue;
                    var number = c.Timeline.CheckInsSent + 1;
                    due.AddRange((mine.Count > 0 ? mine : everyone).Select(h => new DueReminder(h, "case-check-in", c.Id.ToString(), d.DueOn,
                        $"Check-in {number} with a reporter due {ReminderText.Date(d.DueOn)}", path,
                        new CaseCheckInEmail(ReminderText.Date(d.DueOn), number, c.Timeline.CheckInDates.Count))));
                    continue;
                }
                var missed = d.IsMissed(today);
                if (!missed && d.DueOn.AddDays(-notice) > today) continue;
                var what = Describe(d.Kind);
                var to = missed || mine.Count == 0 ? everyone : mine;
                var title = missed ? $"Case deadline missed: {what} (was due {ReminderText.Date(d.DueOn)})"
                    : $"Case deadline {ReminderText.Until(today, d.DueOn)}: {what} ({ReminderText.Date(d.DueOn)})";
                var kind = $"case-{d.Kind.ToString().ToLowerInvariant()}-{(missed ? "missed" : "soon")}";
                due.AddRange(to.Select(h => new DueReminder(h, kind, c.Id.ToString(), d.DueOn, title, path,
                    new CaseDeadlineEmail(what, ReminderText.Date(d.DueOn), missed, mine.Count == 0))));
            }
        }
        return due;
    }

    private static string Describe(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledge => "acknowledge the report",
        DeadlineKind.Triage => "triage the case",
        _ => "give the reporter feedback",
    };
}
