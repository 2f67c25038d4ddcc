using System.Collections.Concurrent;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>
/// Today's scores, kept between visits while nothing they read has been written in this process (see
/// <see cref="EvidenceWrites"/>) and for at most <see cref="MaxAge"/>, so that another instance's writes are seen
/// soon after. Only one request works them out at a time; the others wait for its answer. Past days and sign-offs
/// never use this: they work the scores out from the evidence.
/// </summary>
public sealed class PositionToday(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim one = new(1, 1);
    private readonly ConcurrentDictionary<string, (DateOnly Day, long Version, DateTimeOffset At, List<StepScore> Scores)> kept = new();

    public async Task<List<StepScore>> ScoresAsync(StepEvidence evidence, CancellationToken ct = default)
    {
        var today = UkCalendar.Today(clock);
        var connection = evidence.Database.GetDbConnection();
        var key = EvidenceWrites.KeyOf(connection);
        if (Fresh(key, connection, today) is { } hit) return hit;
        await one.WaitAsync(ct);
        try
        {
            if (Fresh(key, connection, today) is { } meanwhile) return meanwhile;
            // The count is read before the work, so a write during it leaves this answer stale, never the next.
            var version = EvidenceWrites.Instance.VersionOf(connection);
            var at = clock.GetUtcNow();
            var scores = await evidence.ScoresOnAsync(today, ct);
            kept[key] = (today, version, at, scores);
            return scores;
        }
        finally
        {
            one.Release();
        }
    }

    private List<StepScore>? Fresh(string key, System.Data.Common.DbConnection connection, DateOnly today) =>
        kept.TryGetValue(key, out var k) && k.Day == today && k.Version == EvidenceWrites.Instance.VersionOf(connection) && clock.GetUtcNow() - k.At < MaxAge ? k.Scores : null;
}
