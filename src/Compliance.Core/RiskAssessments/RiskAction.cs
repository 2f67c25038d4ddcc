namespace Compliance.Core.RiskAssessments;

public enum ActionStatus
{
    Open = 1,
    InProgress = 2,
    Done = 3,
}

/// <summary>
/// Something to be done to reduce a risk: an owner, a due date, a status. Actions belong to the assessment,
/// not to a revision, because work goes on after approval; each records the revision that raised it.
/// </summary>
public sealed class RiskAction
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxCompletionNoteLength = 2000;

    private RiskAction()
    {
    }

    public RiskAction(Guid assessmentId, int raisedInRevision, string? factorCode, string description, string owner, DateOnly dueDate, DateTime nowUtc)
    {
        Id = RecordId.New();
        AssessmentId = assessmentId;
        RaisedInRevision = raisedInRevision;
        FactorCode = factorCode;
        Description = description;
        Owner = owner;
        DueDate = dueDate;
        Status = ActionStatus.Open;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }
    public int RaisedInRevision { get; private set; }
    public string? FactorCode { get; private set; }
    public string Description { get; private set; } = "";
    public string Owner { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public ActionStatus Status { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public string? CompletionNote { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public bool IsOverdue(DateOnly today) => Status != ActionStatus.Done && DueDate < today;

    public void Start()
    {
        if (Status == ActionStatus.Done) throw new AssessmentRuleException("This action is already done.");
        Status = ActionStatus.InProgress;
    }

    /// <summary>An action is done only with the date it was done and a note of what was done.</summary>
    public void Complete(DateOnly? completedOn, string? note, DateOnly today)
    {
        if (Status == ActionStatus.Done) throw new AssessmentRuleException("This action is already done.");
        if (completedOn is null) throw new AssessmentRuleException("Enter the date the action was completed.", nameof(CompletedOn));
        if (completedOn > today) throw new AssessmentRuleException("The completion date cannot be in the future.", nameof(CompletedOn));
        if (string.IsNullOrWhiteSpace(note)) throw new AssessmentRuleException("Say what was done to complete the action.", nameof(CompletionNote));
        if (note.Trim().Length > MaxCompletionNoteLength) throw new AssessmentRuleException($"Keep the note to {MaxCompletionNoteLength:N0} characters or fewer.", nameof(CompletionNote));
        Status = ActionStatus.Done;
        CompletedOn = completedOn;
        CompletionNote = note.Trim();
    }
}
