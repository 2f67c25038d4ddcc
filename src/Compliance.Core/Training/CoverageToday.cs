using Compliance.Core.Data;

namespace Compliance.Core.Training;

/// <summary>
/// A course's coverage today, kept between visits to its page (see <see cref="KeptUntilWritten{T}"/>). Reminders,
/// the position's past days and a line manager's team work it out from the completions each time.
/// </summary>
public sealed class CoverageToday(TimeProvider clock)
{
    private readonly KeptUntilWritten<TrainingCoverage.Coverage> kept = new(clock);

    public Task<TrainingCoverage.Coverage> OfAsync(ComplianceDbContext db, Course course, int dueSoonDays, CancellationToken ct) =>
        kept.TodayAsync(db.Database, $"coverage|{course.Id}|{dueSoonDays}", day => TrainingCoverage.OnAsync(db, course, day, dueSoonDays, ct), ct);
}
