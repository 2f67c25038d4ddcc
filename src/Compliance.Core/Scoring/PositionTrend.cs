using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>
/// A step's score on a past day, kept so the trend can be drawn without working a year of evidence out again on
/// every visit. It is a cache of what <see cref="StepEvidence"/> gave for that day when it was recorded, never the
/// source of truth: the evidence pack works any day out again from the records.
/// </summary>
public sealed class PositionSnapshot
{
    private PositionSnapshot()
    {
    }

    internal PositionSnapshot(DateOnly day, ReasonableStep step, int score, DateTime nowUtc) => (Day, Step, Score, RecordedAtUtc) = (day, step, score, nowUtc);

    public DateOnly Day { get; private set; }
    public ReasonableStep Step { get; private set; }
    public int Score { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}

/// <summary>One point of the trend: a day and each scored step's score on it.</summary>
public sealed record TrendPoint(DateOnly Day, IReadOnlyDictionary<ReasonableStep, int> Scores);

/// <summary>The trend with today's thresholds, which the chart marks.</summary>
public sealed record TrendView(IReadOnlyList<TrendPoint> Points, int MetFrom, int AtRiskFrom);

/// <summary>The position over the last 12 months: the last day of each month, and today.</summary>
public sealed class PositionTrend(ComplianceDbContext db, StepEvidence evidence, TimeProvider clock)
{
    /// <summary>The last day of each of the 12 months before this one, oldest first.</summary>
    public static List<DateOnly> MonthEnds(DateOnly today)
    {
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return [.. Enumerable.Range(1, 12).Reverse().Select(m => firstOfMonth.AddMonths(-m + 1).AddDays(-1))];
    }

    /// <summary>
    /// The trend to today. Month ends not yet recorded are worked out from the evidence and kept (so the first visit
    /// of a month pays once); today's scores are the ones given, as the day is not over.
    /// </summary>
    public async Task<List<TrendPoint>> ToTodayAsync(IReadOnlyList<StepScore> today, CancellationToken ct = default)
    {
        var days = MonthEnds(UkCalendar.Today(clock));
        var points = await RecordedAsync(days, ct);
        var missing = days.Where(d => !points.ContainsKey(d)).ToList();
        foreach (var day in missing) points[day] = await RecordAsync(day, ct);
        return [.. days.Select(d => new TrendPoint(d, points[d])), new TrendPoint(UkCalendar.Today(clock), today.ToDictionary(s => s.Step, s => s.Score))];
    }

    /// <summary>Records yesterday (a whole day) and any month end of the last year not yet recorded; for the daily job.</summary>
    public async Task<int> RecordDueAsync(CancellationToken ct = default)
    {
        var today = UkCalendar.Today(clock);
        var days = MonthEnds(today).Append(today.AddDays(-1)).Distinct().ToList();
        var recorded = await RecordedAsync(days, ct);
        var added = 0;
        foreach (var day in days.Where(d => !recorded.ContainsKey(d)))
        {
            await RecordAsync(day, ct);
            added++;
        }
        return added;
    }

    private async Task<Dictionary<DateOnly, IReadOnlyDictionary<ReasonableStep, int>>> RecordedAsync(List<DateOnly> days, CancellationToken ct)
    {
        var rows = await db.PositionSnapshots.AsNoTracking().Where(s => days.Contains(s.Day)).Select(s => new { s.Day, s.Step, s.Score }).ToListAsync(ct);
        return rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<ReasonableStep, int>)g.ToDictionary(r => r.Step, r => r.Score));
    }

    /// <summary>Works out a past day's scores and keeps them; another request that recorded the same day first wins.</summary>
    private async Task<IReadOnlyDictionary<ReasonableStep, int>> RecordAsync(DateOnly day, CancellationToken ct)
    {
        var scores = (await evidence.ScoresOnAsync(day, ct)).ToDictionary(s => s.Step, s => s.Score);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = scores.Select(s => new PositionSnapshot(day, s.Key, s.Value, now)).ToList();
        db.PositionSnapshots.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Recorded meanwhile by another request or the daily job: the scores are the same evidence's.
        }
        finally
        {
            foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
        }
        return scores;
    }
}
