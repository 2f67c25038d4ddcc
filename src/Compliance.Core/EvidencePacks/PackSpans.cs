namespace Compliance.Core.EvidencePacks;

/// <summary>Spans of days: which parts of a period nothing covered (a site with no current assessment, no policy in force).</summary>
public static class PackSpans
{
    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> (both included) that no span covers, as spans.</summary>
    public static List<(DateOnly Start, DateOnly End)> Uncovered(DateOnly from, DateOnly to, IEnumerable<(DateOnly Start, DateOnly End)> covered)
    {
        var gaps = new List<(DateOnly, DateOnly)>();
        var next = from;
        foreach (var (start, end) in covered.Where(c => c.End >= from && c.Start <= to && c.Start <= c.End).OrderBy(c => c.Start))
        {
            if (start > next) gaps.Add((next, start.AddDays(-1)));
            if (end >= next) next = end.AddDays(1);
            if (next > to) return gaps;
        }
        if (next <= to) gaps.Add((next, to));
        return gaps;
    }

    public static string Describe((DateOnly Start, DateOnly End) span) =>
        span.Start == span.End ? $"on {UkDates.Long(span.Start)}" : $"from {UkDates.Long(span.Start)} to {UkDates.Long(span.End)}";
}
