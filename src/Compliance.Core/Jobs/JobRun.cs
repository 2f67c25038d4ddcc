namespace Compliance.Core.Jobs;

public enum JobOutcome
{
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>One run of a background job, for the Jobs page: when, on which instance, how long, and how it ended.</summary>
public sealed class JobRun
{
    public const int MaxSummaryLength = 500;

    private JobRun()
    {
    }

    public JobRun(string job, string instance, bool manual, DateTime startedAtUtc)
    {
        Id = RecordId.Undated();
        Job = job;
        Instance = instance;
        Manual = manual;
        StartedAtUtc = startedAtUtc;
        Outcome = JobOutcome.Running;
    }

    public Guid Id { get; private set; }
    public string Job { get; private set; } = "";
    public string Instance { get; private set; } = "";
    public bool Manual { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public JobOutcome Outcome { get; private set; }

    /// <summary>What the job said it did, or why it failed (identifiers and counts only).</summary>
    public string? Summary { get; private set; }

    public TimeSpan? Duration => FinishedAtUtc - StartedAtUtc;

    public void Finish(bool succeeded, string? summary, DateTime nowUtc)
    {
        Outcome = succeeded ? JobOutcome.Succeeded : JobOutcome.Failed;
        Summary = summary is { Length: > MaxSummaryLength } ? summary[..MaxSummaryLength] : summary;
        FinishedAtUtc = nowUtc;
    }
}
