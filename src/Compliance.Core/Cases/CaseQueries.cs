using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Cases;

public enum QueueView
{
    Mine = 1,
    Unassigned = 2,
    Open = 3,
    Closed = 4,
}

/// <summary>A line of a handler's queue: no content, only what is needed to choose what to do next.</summary>
public sealed record QueueItem(Guid Id, string Reference, DateOnly ReceivedOn, int AgeDays, CaseState State, bool FeelsUnsafe, Urgency? Urgency,
    bool ReporterActivityUnread, CaseDeadline? NextDeadline, List<string> Handlers, bool AssignedToMe);

/// <summary>What people without assignment see: counts and ages, never content or references.</summary>
public sealed record CaseCounts(int Open, int Unassigned, int WithMissedDeadline, int? OldestOpenDays, Dictionary<CaseState, int> ByState, int[] OpenByAge);

public static class CaseQueries
{
    public static readonly (string Label, int MaxDays)[] AgeBands = [("Up to 7 days", 7), ("8 to 30 days", 30), ("31 to 90 days", 90), ("Over 90 days", int.MaxValue)];

    /// <summary>The cases a handler may see in the queue: never those they are kept out of (not even that they exist).</summary>
    public static async Task<List<QueueItem>> QueueAsync(ComplianceDbContext db, Guid userId, QueueView view, DateOnly today, CaseOptions options, CancellationToken ct)
    {
        var visible = db.ReportCases.Where(c => !db.CaseExclusions.Any(x => x.CaseId == c.Id && x.UserId == userId));
        visible = view switch
        {
            QueueView.Mine => visible.Where(c => c.State != CaseState.Closed && db.CaseAssignments.Any(a => a.CaseId == c.Id && a.UserId == userId)),
            QueueView.Unassigned => visible.Where(c => c.State != CaseState.Closed && !db.CaseAssignments.Any(a => a.CaseId == c.Id)),
            QueueView.Closed => visible.Where(c => c.State == CaseState.Closed),
            _ => visible.Where(c => c.State != CaseState.Closed),
        };
        var cases = await visible.AsNoTracking().ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var assigned = (await (from a in db.CaseAssignments
                               join u in db.Users on a.UserId equals u.Id
                               where ids.Contains(a.CaseId)
                               select new { a.CaseId, a.UserId, u.DisplayName }).ToListAsync(ct))
            .ToLookup(a => a.CaseId);
        return [.. cases
            .Select(c => new QueueItem(c.Id, c.Reference, c.ReceivedOn, today.DayNumber - c.ReceivedOn.DayNumber, c.State, c.FeelsUnsafe, c.Urgency,
                c.ReporterActivityUnread, CaseDeadlines.Next(c, options), [.. assigned[c.Id].Select(a => a.DisplayName).Order()], assigned[c.Id].Any(a => a.UserId == userId)))
            .OrderBy(i => i.NextDeadline?.DueOn ?? DateOnly.MaxValue)
            .ThenByDescending(i => i.FeelsUnsafe)
            .ThenBy(i => i.ReceivedOn)];
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
