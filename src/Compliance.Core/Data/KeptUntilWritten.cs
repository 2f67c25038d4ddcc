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
        if (Fresh(key, connection, today) is { } hit) return hit;
        var turn = turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        try
        {
            if (Fresh(key, connection, today) is { } meanwhile) return meanwhile;
            // The count is read before the work, so a write during it leaves this answer stale, never the next.
            var version = EvidenceWrites.Instance.VersionOf(connection);
            var at = clock.GetUtcNow();
            var value = await work(today);
            kept[key] = (today, version, at, value);
            return value;
        }
        finally
        {
            turn.Release();
        }
    }

    private T? Fresh(string key, System.Data.Common.DbConnection connection, DateOnly today) =>
        kept.TryGetValue(key, out var k) && k.Day == today && k.Version == EvidenceWrites.Instance.VersionOf(connection) && clock.GetUtcNow() - k.At < MaxAge
            ? k.Value
            : null;
}
