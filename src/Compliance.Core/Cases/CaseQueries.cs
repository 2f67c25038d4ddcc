using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Cases;

public enum QueueView
{
    Mine = 1,
    Unassigned = 2,
    Open = 3,
    Closed = 4,

    /// <summary>What needs someone now: cases waiting for a handler, and the handler's own with a deadline near or missed or a new message.</summary>
    Attention = 5,
}

/// <summary>A line of a handler's queue: no content, only what is needed to choose what to do next.</summary>
public sealed record QueueItem(Guid Id, string Reference, DateOnly ReceivedOn, int AgeDays, CaseState State, bool FeelsUnsafe, Urgency? Urgency,
    bool ReporterActivityUnread, CaseDeadline? NextDeadline, List<string> Handlers, bool AssignedToMe)
{
    /// <summary>The reporter feels unsafe now, or triage judged it urgent: listed first wherever it is listed.</summary>
    public bool IsUrgent => FeelsUnsafe || Urgency == Cases.Urgency.Urgent;

    public bool DeadlineMissed(DateOnly today) => NextDeadline is { } d && d.IsMissed(today);

    public bool DeadlineNear(DateOnly today, int noticeDays) => NextDeadline is { } d && !d.IsMissed(today) && d.DueOn.DayNumber - today.DayNumber <= noticeDays;
}

/// <summary>One list of the queue, with how many cases each list holds, so no waiting case is out of sight.</summary>
public sealed record CaseQueue(List<QueueItem> Items, Dictionary<QueueView, int> Counts);

/// <summary>What people without assignment see: counts and ages, never content or references.</summary>
public sealed record CaseCounts(int Open, int Unassigned, int WithMissedDeadline, int? OldestOpenDays, Dictionary<CaseState, int> ByState, int[] OpenByAge);

/// <summary>What a case handler's home page says: reports waiting for a handler, and deadlines near or missed on cases they may see.</summary>
public sealed record HandlerSummary(int Waiting, int WaitingUrgent, int DeadlinesNear, int DeadlinesMissed);

public static class CaseQueries
{
    public static readonly (string Label, int MaxDays)[] AgeBands = [("Up to 7 days", 7), ("8 to 30 days", 30), ("31 to 90 days", 90), ("Over 90 days", int.MaxValue)];

    /// <summary>
    /// The cases a handler may see in the queue (never those they are kept out of, not even that they exist), as the
    /// chosen list with the size of every list. Urgent cases come first, then missed deadlines, then the soonest.
    /// </summary>
    public static async Task<CaseQueue> QueueAsync(ComplianceDbContext db, Guid userId, QueueView view, DateOnly today, CaseOptions options, int noticeDays, CancellationToken ct)
    {
        var all = await VisibleAsync(db, userId, today, options, ct);
        bool In(QueueItem i, QueueView v) => v switch
        {
            QueueView.Mine => i.State != CaseState.Closed && i.AssignedToMe,
            QueueView.Unassigned => i.State != CaseState.Closed && i.Handlers.Count == 0,
            QueueView.Closed => i.State == CaseState.Closed,
            QueueView.Attention => i.State != CaseState.Closed && (i.Handlers.Count == 0
                || (i.AssignedToMe && (i.DeadlineMissed(today) || i.DeadlineNear(today, noticeDays) || i.ReporterActivityUnread || i.IsUrgent))),
            _ => i.State != CaseState.Closed,
        };
        var counts = Enum.GetValues<QueueView>().ToDictionary(v => v, v => all.Count(i => In(i, v)));
        var items = all.Where(i => In(i, view))
            .OrderByDescending(i => i.IsUrgent)
            .ThenByDescending(i => i.DeadlineMissed(today))
            .ThenBy(i => i.NextDeadline?.DueOn ?? DateOnly.MaxValue)
            .ThenBy(i => i.ReceivedOn)
            .ToList();
        return new CaseQueue(items, counts);
    }

    /// <summary>The home page's lines for a case handler, over the cases they may see.</summary>
    public static async Task<HandlerSummary> SummaryAsync(ComplianceDbContext db, Guid userId, DateOnly today, CaseOptions options, int noticeDays, CancellationToken ct)
    {
        var open = (await VisibleAsync(db, userId, today, options, ct)).Where(i => i.State != CaseState.Closed).ToList();
        var waiting = open.Where(i => i.Handlers.Count == 0).ToList();
        // A deadline on a waiting case is anyone's; on an assigned one, its handlers'.
        var watched = open.Where(i => i.Handlers.Count == 0 || i.AssignedToMe).ToList();
        return new HandlerSummary(waiting.Count, waiting.Count(i => i.IsUrgent),
            watched.Count(i => i.DeadlineNear(today, noticeDays)), watched.Count(i => i.DeadlineMissed(today)));
    }

    private static async Task<List<QueueItem>> VisibleAsync(ComplianceDbContext db, Guid userId, DateOnly today, CaseOptions options, CancellationToken ct)
    {
        var cases = await db.ReportCases.Where(c => !db.CaseExclusions.Any(x => x.CaseId == c.Id && x.UserId == userId)).AsNoTracking().ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var assigned = (await (from a in db.CaseAssignments
                               join u in db.Users on a.UserId equals u.Id
                               // A handler whose account is disabled no longer handles it: the case waits for one again.
                               where ids.Contains(a.CaseId) && u.DisabledAtUtc == null
                               select new { a.CaseId, a.UserId, u.DisplayName }).ToListAsync(ct))
            .ToLookup(a => a.CaseId);
        return [.. cases.Select(c => new QueueItem(c.Id, c.Reference, c.ReceivedOn, today.DayNumber - c.ReceivedOn.DayNumber, c.State, c.FeelsUnsafe, c.Urgency,
            c.ReporterActivityUnread, CaseDeadlines.Next(c, options), [.. assigned[c.Id].Select(a => a.DisplayName).Order()], assigned[c.Id].Any(a => a.UserId == userId)))];
    }

    public static async Task<CaseCounts> CountsAsync(ComplianceDbContext db, DateOnly today, CaseOptions options, CancellationToken ct)
    {
        var cases = await db.ReportCases.AsNoTracking().ToListAsync(ct);
        var assigned = (await db.CaseAssignments.Select(a => a.CaseId).Distinct().ToListAsync(ct)).ToHashSet();
        var open = cases.Where(c => c.IsOpen).ToList();
        var ages = open.Select(c => today.DayNumber - c.ReceivedOn.DayNumber).ToList();
        var byAge = AgeBands.Select((b, i) => ages.Count(a => a <= b.MaxDays && (i == 0 || a > AgeBands[i - 1].MaxDays))).ToArray();
        return new CaseCounts(open.Count, open.Count(c => !assigned.Contains(c.Id)),
            cases.Count(c => CaseDeadlines.Open(c, options).Any(d => d.IsMissed(today))),
            ages.Count == 0 ? null : ages.Max(),
            Enum.GetValues<CaseState>().ToDictionary(s => s, s => cases.Count(c => c.State == s)), byAge);
    }
}
