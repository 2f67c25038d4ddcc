using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Compliance.Core.Data;

/// <summary>
/// Figures for today worked out from the evidence and kept between visits while nothing they read has been written
/// in this process (see <see cref="EvidenceWrites"/>), for the same UK day, and for at most <see cref="MaxAge"/>, so
/// that another instance's writes are seen soon after. One request works out each figure at a time; the others
/// asking for the same one wait for its answer. Past days are never kept: they are worked out from the evidence.
/// </summary>
public sealed class KeptUntilWritten<T>(TimeProvider clock) where T : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> turns = new();
    private readonly ConcurrentDictionary<string, (DateOnly Day, long Version, DateTimeOffset At, T Value)> kept = new();

    /// <summary>The kept figure named <paramref name="what"/> in this database for today, or <paramref name="work"/>'s answer, then kept.</summary>
    public async Task<T> TodayAsync(DatabaseFacade database, string what, Func<DateOnly, Task<T>> work, CancellationToken ct)
    {
        var today = UkCalendar.Today(clock);
        var connection = database.GetDbConnection();
        var key = EvidenceWrites.KeyOf(connection) + "|" + what;
        // Whatever is answered must have been worked out after every write counted by the time this request came.
        var arrived = EvidenceWrites.Instance.VersionOf(connection);
        if (Usable(key, today, arrived) is { } hit) return hit;
        var turn = turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        try
        {
            // The request before this one in the queue may have worked it out since: its answer will do, even if
            // another write came meanwhile, so waiting requests do not each work it out again in turn.
            if (Usable(key, today, arrived) is { } meanwhile) return meanwhile;
            // The count is read before the work, so a write during it leaves this answer stale, never the next.
            var version = EvidenceWrites.Instance.VersionOf(connection);
            var at = clock.GetUtcNow();
            var value = await work(today);
            kept[key] = (today, version, at, value);
            Forget(at);
            return value;
        }
        finally
        {
            turn.Release();
        }
    }

    private T? Usable(string key, DateOnly today, long atLeast)
    {
        if (!kept.TryGetValue(key, out var k)) return null;
        if (k.Version >= atLeast && k.Day == today && Young(k.At, clock.GetUtcNow())) return k.Value;
        return null;
    }

    /// <summary>Kept for less than <see cref="MaxAge"/>; a clock put back makes it old, never young for longer.</summary>
    private static bool Young(DateTimeOffset at, DateTimeOffset now) => now >= at && now - at < MaxAge;

    /// <summary>Drops what has grown old (a course not visited again, a database no longer used), so nothing is kept for long.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, k) in kept)
        {
            if (!Young(k.At, now)) kept.TryRemove(new KeyValuePair<string, (DateOnly, long, DateTimeOffset, T)>(key, k));
        }
    }
}
