using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Training;

/// <summary>
/// A course's coverage today, kept between visits to its page (see <see cref="KeptUntilWritten{T}"/>). Reminders,
/// the position's past days and a line manager's team work it out from the completions each time.
/// </summary>
public sealed class CoverageToday(TimeProvider clock)
{
    private readonly KeptUntilWritten<TrainingCoverage.Coverage> kept = new(clock);

    /// <summary>The course is read inside the work, after the count of writes, so an edit to it is never kept with the coverage before it.</summary>
    public Task<TrainingCoverage.Coverage> OfAsync(ComplianceDbContext db, Guid courseId, int dueSoonDays, CancellationToken ct) =>
        kept.TodayAsync(db.Database, $"coverage|{courseId}|{dueSoonDays}", async day =>
            await TrainingCoverage.OnAsync(db, await db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId, ct), day, dueSoonDays, ct), ct);
}
