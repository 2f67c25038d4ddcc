using Compliance.Core.Data;

namespace Compliance.Core.Scoring;

/// <summary>
/// Today's scores, kept between visits (see <see cref="KeptUntilWritten{T}"/>). Sign-offs and past days never use
/// this: they work the scores out from the evidence.
/// </summary>
public sealed class PositionToday(TimeProvider clock)
{
    public static TimeSpan MaxAge => KeptUntilWritten<List<StepScore>>.MaxAge;

    private readonly KeptUntilWritten<List<StepScore>> kept = new(clock);

    public Task<List<StepScore>> ScoresAsync(StepEvidence evidence, CancellationToken ct = default) =>
        kept.TodayAsync(evidence.Database, "position", day => evidence.ScoresOnAsync(day, ct), ct);
}
