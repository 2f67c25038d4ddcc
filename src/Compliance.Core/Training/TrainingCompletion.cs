namespace Compliance.Core.Training;

public enum CompletionSource
{
    Recorded = 1,
    Session = 2,
    Import = 3,
    Api = 4,
    Xapi = 5,
}

/// <summary>
/// One person's completion of a course on a day: whether they passed (when known), their score, and the content
/// version in use that day (or the one named), so the evidence shows what was taught. History: a leaver keeps it.
/// One row per person, course and day; recording the same day again with a different result updates it.
/// </summary>
public sealed class TrainingCompletion
{
    public const int MaxSourceDetailLength = 200;

    private TrainingCompletion() { }

    public TrainingCompletion(Guid courseId, Guid employeeId, DateOnly completedOn, bool? passed, decimal? score, Guid? versionId,
        CompletionSource source, string? sourceDetail, string recordedByName, DateTime nowUtc)
    {
        Id = RecordId.New();
        CourseId = courseId;
        EmployeeId = employeeId;
        CompletedOn = completedOn;
        Passed = passed;
        Score = score;
        CourseVersionId = versionId;
        Source = source;
        SourceDetail = sourceDetail;
        RecordedByName = recordedByName;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    public bool? Passed { get; private set; }
    public decimal? Score { get; private set; }
    public Guid? CourseVersionId { get; private set; }
    public CompletionSource Source { get; private set; }

    /// <summary>The file, the session, or the API token it came from.</summary>
    public string? SourceDetail { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
}

/// <summary>A reminder sent to a person about a course, once: the kind ("due" or "stale") and the date it is about.</summary>
public sealed class TrainingReminder
{
    private TrainingReminder() { }

    public TrainingReminder(Guid courseId, Guid employeeId, string kind, DateOnly aboutOn, DateTime nowUtc)
    {
        Id = RecordId.New();
        CourseId = courseId;
        EmployeeId = employeeId;
        Kind = kind;
        AboutOn = aboutOn;
        SentAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateOnly AboutOn { get; private set; }
    public DateTime SentAtUtc { get; private set; }
}
