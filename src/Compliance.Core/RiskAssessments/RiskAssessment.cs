using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Compliance.Core.RiskAssessments;

public enum AssessmentScope
{
    Site = 1,
    Department = 2,
    Role = 3,
    Event = 4,
}

public enum RevisionStatus
{
    Draft = 1,
    Approved = 2,
}

/// <summary>A rule of the assessment's life was broken (for example, editing an approved revision); nothing was changed.</summary>
public sealed class AssessmentRuleException(string message, string field = "") : RuleException(message, field);

/// <summary>
/// A sexual-harassment risk assessment for a site, department, role or event. It lives as a series of
/// revisions: one draft at a time; approval freezes a revision (its content is kept as it was approved, with
/// a hash); a review starts a new draft from the last approved revision.
/// </summary>
public sealed class RiskAssessment
{
    private readonly List<AssessmentRevision> _revisions = [];

    private RiskAssessment()
    {
    }

    public RiskAssessment(string title, AssessmentScope scope, Guid? siteId, Guid? departmentId, string? scopeDescription, DateTime nowUtc)
    {
        Id = RecordId.New();
        Title = title;
        Scope = scope;
        SiteId = siteId;
        DepartmentId = departmentId;
        ScopeDescription = scopeDescription;
        CreatedAtUtc = nowUtc;
        _revisions.Add(new AssessmentRevision(Id, 1, nowUtc));
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public AssessmentScope Scope { get; private set; }
    public Guid? SiteId { get; private set; }
    public Guid? DepartmentId { get; private set; }

    /// <summary>The role or event, in words, for those scopes.</summary>
    public string? ScopeDescription { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateOnly? NextReviewDue { get; private set; }

    /// <summary>Set when something (a third-party incident, a closed case) means the assessment should be reviewed early.</summary>
    public DateTime? ReviewFlaggedAtUtc { get; private set; }

    public string? ReviewFlagReason { get; private set; }

    public IReadOnlyList<AssessmentRevision> Revisions => _revisions;

    public AssessmentRevision Current => _revisions.MaxBy(r => r.Number)!;

    public AssessmentRevision? LastApproved => _revisions.Where(r => r.Status == RevisionStatus.Approved).MaxBy(r => r.Number);

    public AssessmentRevision Draft =>
        Current.Status == RevisionStatus.Draft ? Current : throw new AssessmentRuleException($"Revision {Current.Number} was approved and cannot be changed. Start a review to make a new revision.");

    public bool IsReviewOverdue(DateOnly today) => NextReviewDue is { } due && due < today;

    /// <summary>Approval freezes the draft and schedules the next review.</summary>
    public void Approve(Guid approverId, string approverName, DateTime nowUtc, DateOnly nextReviewDue, ApprovalScope scope)
    {
        var draft = Draft;
        var readiness = ApprovalReadiness.Of(draft, scope);
        if (!readiness.Ready)
        {
            throw new AssessmentRuleException(readiness.Refusal);
        }
        draft.Freeze(approverId, approverName, nowUtc);
        NextReviewDue = nextReviewDue;
        ReviewFlaggedAtUtc = null;
        ReviewFlagReason = null;
    }

    /// <summary>A review starts a new draft from the last approved revision; earlier revisions stay as approved.</summary>
    public AssessmentRevision StartReview(DateTime nowUtc)
    {
        if (Current.Status == RevisionStatus.Draft)
        {
            throw new AssessmentRuleException($"Revision {Current.Number} is still a draft. Finish and approve it first.");
        }
        var next = new AssessmentRevision(Id, Current.Number + 1, nowUtc);
        foreach (var rating in Current.Ratings)
        {
            next.CopyFrom(rating);
        }
        _revisions.Add(next);
        return next;
    }

    public void FlagForReview(string reason, DateTime nowUtc)
    {
        ReviewFlaggedAtUtc ??= nowUtc;
        ReviewFlagReason = reason;
    }
}

/// <summary>One revision: the factors considered and how each was rated.</summary>
public sealed class AssessmentRevision
{
    private readonly List<FactorRating> _ratings = [];

    private AssessmentRevision()
    {
    }

    internal AssessmentRevision(Guid assessmentId, int number, DateTime nowUtc)
    {
        Id = RecordId.New();
        AssessmentId = assessmentId;
        Number = number;
        CreatedAtUtc = nowUtc;
        Status = RevisionStatus.Draft;
    }

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }
    public int Number { get; private set; }
    public RevisionStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public Guid? ApprovedByUserId { get; private set; }
    public string? ApprovedByName { get; private set; }

    /// <summary>The revision exactly as approved (canonical JSON), and its SHA-256: what a tribunal is shown.</summary>
    public string? ApprovedContent { get; private set; }

    public string? ApprovedContentHash { get; private set; }

    public IReadOnlyList<FactorRating> Ratings => _ratings;

    public FactorRating Rate(string factorCode, bool applies, string? whoIsAtRisk, int? likelihood, int? severity, string? controlsInPlace, string? notRelevantReason = null)
    {
        EnsureDraft();
        var rating = _ratings.SingleOrDefault(r => r.FactorCode == factorCode);
        if (rating is null)
        {
            rating = new FactorRating(Id, factorCode);
            _ratings.Add(rating);
        }
        rating.Set(applies, whoIsAtRisk, likelihood, severity, controlsInPlace, notRelevantReason);
        return rating;
    }

    internal void CopyFrom(FactorRating earlier)
    {
        var copy = new FactorRating(Id, earlier.FactorCode);
        copy.Set(earlier.Applies, earlier.WhoIsAtRisk, earlier.Likelihood, earlier.Severity, earlier.ControlsInPlace, earlier.NotRelevantReason);
        _ratings.Add(copy);
    }

    internal void Freeze(Guid approverId, string approverName, DateTime nowUtc)
    {
        EnsureDraft();
        Status = RevisionStatus.Approved;
        ApprovedAtUtc = nowUtc;
        ApprovedByUserId = approverId;
        ApprovedByName = approverName;
        ApprovedContent = JsonSerializer.Serialize(new
        {
            revision = Number,
            approvedAtUtc = nowUtc.ToString("O"),
            approvedBy = approverName,
            factors = _ratings.OrderBy(r => r.FactorCode, StringComparer.Ordinal).Select(r => new
            {
                code = r.FactorCode,
                applies = r.Applies,
                whoIsAtRisk = r.WhoIsAtRisk,
                likelihood = r.Likelihood,
                severity = r.Severity,
                score = r.Score,
                band = r.Band?.ToString(),
                controlsInPlace = r.ControlsInPlace,
                notRelevantReason = r.NotRelevantReason,
            }),
        });
        ApprovedContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApprovedContent)));
    }

    private void EnsureDraft()
    {
        if (Status != RevisionStatus.Draft)
        {
            throw new AssessmentRuleException($"Revision {Number} was approved on {UkDates.Long(DateOnly.FromDateTime(UkCalendar.ToUk(ApprovedAtUtc!.Value)))} and cannot be changed. Start a review to make a new revision.");
        }
    }
}

public enum RiskBand
{
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}

/// <summary>How one factor was assessed: whether it applies, who is at risk, and the risk with the controls in place.</summary>
public sealed class FactorRating
{
    public const int MinScale = 1;
    public const int MaxScale = 5;

    private FactorRating()
    {
    }

    internal FactorRating(Guid revisionId, string factorCode)
    {
        Id = RecordId.New();
        RevisionId = revisionId;
        FactorCode = factorCode;
    }

    public Guid Id { get; private set; }
    public Guid RevisionId { get; private set; }
    public string FactorCode { get; private set; } = "";
    public bool Applies { get; private set; }
    public string? WhoIsAtRisk { get; private set; }
    public int? Likelihood { get; private set; }
    public int? Severity { get; private set; }
    public string? ControlsInPlace { get; private set; }

    /// <summary>Why a factor that does not apply was judged not relevant here: the evidence that it was considered.</summary>
    public string? NotRelevantReason { get; private set; }

    /// <summary>The residual risk: likelihood times severity with the controls in place (1 to 25).</summary>
    public int? Score => Applies && Likelihood is { } l && Severity is { } s ? l * s : null;

    public RiskBand? Band => Score switch
    {
        null => null,
        <= 4 => RiskBand.Low,
        <= 9 => RiskBand.Medium,
        <= 16 => RiskBand.High,
        _ => RiskBand.VeryHigh,
    };

    public bool IsComplete => !Applies || (!string.IsNullOrWhiteSpace(WhoIsAtRisk) && Likelihood is not null && Severity is not null);

    /// <summary>Rated in full, or marked not relevant here with the reason.</summary>
    public bool IsConsidered => Applies ? IsComplete : !string.IsNullOrWhiteSpace(NotRelevantReason);

    internal void Set(bool applies, string? whoIsAtRisk, int? likelihood, int? severity, string? controlsInPlace, string? notRelevantReason)
    {
        if (likelihood is < MinScale or > MaxScale || severity is < MinScale or > MaxScale)
        {
            throw new AssessmentRuleException($"Likelihood and severity are from {MinScale} to {MaxScale}.");
        }
        Applies = applies;
        WhoIsAtRisk = applies ? whoIsAtRisk?.Trim() : null;
        Likelihood = applies ? likelihood : null;
        Severity = applies ? severity : null;
        ControlsInPlace = applies ? controlsInPlace?.Trim() : null;
        NotRelevantReason = applies ? null : notRelevantReason?.Trim();
    }
}
