using Compliance.Core.RiskAssessments;

namespace Compliance.Core.Scoring;

/// <summary>Where an action in the plan came from.</summary>
public enum PlanSource
{
    /// <summary>Added by an HR manager or a director.</summary>
    Manual = 1,

    /// <summary>A case closed with a "yes" to "must the policy (or the risk assessment) change?". Only the date is carried over.</summary>
    CaseClosure = 2,

    /// <summary>Agreed at a board review of the position and entered with its sign-off.</summary>
    BoardSignOff = 3,
}

/// <summary>
/// One line of the action plan that goes with the EHRC's checklist: what is to be done, for which step, by whom and
/// when, and the evidence that closed it (a link or a file). Risk-assessment actions stay with their assessment
/// and are shown beside these, not copied.
/// </summary>
public sealed class PlanAction
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxOwnerLength = 200;
    public const int MaxNoteLength = 2000;
    public const int MaxLinkLength = 500;
    public const long MaxFileBytes = 10 * 1024 * 1024;

    private PlanAction()
    {
    }

    internal PlanAction(ReasonableStep step, string description, string owner, DateOnly dueDate, PlanSource source, Guid? sourceId, string createdByName, DateTime nowUtc)
    {
        Id = RecordId.New();
        (Step, Description, Owner, DueDate, Source, SourceId, CreatedByName, CreatedAtUtc) = (step, description, owner, dueDate, source, sourceId, createdByName, nowUtc);
        Status = ActionStatus.Open;
    }

    public Guid Id { get; private set; }
    public ReasonableStep Step { get; private set; }
    public string Description { get; private set; } = "";
    public string Owner { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public ActionStatus Status { get; private set; }
    public PlanSource Source { get; private set; }

    /// <summary>The sign-off or case it came from; a case's id is never shown outside case handling.</summary>
    public Guid? SourceId { get; private set; }

    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public string? CompletionNote { get; private set; }
    public string? EvidenceLink { get; private set; }
    public string? EvidenceFileName { get; private set; }
    public byte[]? EvidenceFile { get; private set; }

    /// <summary>SHA-256 of the evidence file, in hex, so the file can be cited and checked.</summary>
    public string? EvidenceSha256 { get; private set; }

    public bool IsOverdue(DateOnly today) => Status != ActionStatus.Done && DueDate < today;

    internal void Start()
    {
        if (Status != ActionStatus.Open) throw new PlanRuleException(Status == ActionStatus.Done ? "This action is already done." : "This action is already in progress.");
        Status = ActionStatus.InProgress;
    }

    internal void Complete(DateOnly on, string note, string? link, (string Name, byte[] Bytes, string Sha256)? file)
    {
        if (Status == ActionStatus.Done) throw new PlanRuleException("This action is already done.");
        Status = ActionStatus.Done;
        (CompletedOn, CompletionNote, EvidenceLink) = (on, note, link);
        if (file is { } f) (EvidenceFileName, EvidenceFile, EvidenceSha256) = (f.Name, f.Bytes, f.Sha256);
    }
}

/// <summary>A change to a plan action that its rules refuse, with the field to point at.</summary>
public sealed class PlanRuleException(string message, string field = "") : RuleException(message, field);

public static class PlanLabels
{
    public static string Label(this PlanSource source) => source switch
    {
        PlanSource.CaseClosure => "Case closure",
        PlanSource.BoardSignOff => "Board sign-off",
        _ => "Added by hand",
    };
}
