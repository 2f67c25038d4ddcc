using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.RiskAssessments;

/// <summary>Settings for assessments. The review interval is a default the organisation may change, never a constant.</summary>
public sealed class RiskAssessmentOptions
{
    public int ReviewIntervalMonths { get; set; } = 12;
}

public sealed record StartAssessmentInput(string? Title, AssessmentScope? Scope, Guid? SiteId, Guid? DepartmentId, string? ScopeDescription);

public sealed record RatingInput(string? FactorCode, bool Applies, string? WhoIsAtRisk, int? Likelihood, int? Severity, string? ControlsInPlace, string? NotRelevantReason = null);

public sealed record ActionInput(string? FactorCode, string? Description, string? Owner, string? DueDate);

/// <summary>A factor suggested for a site by the employee directory, and why.</summary>
public sealed record FactorSuggestion(string FactorCode, int People, DirectorySignal Signal);

/// <summary>
/// The work on risk assessments: start, rate factors, add and complete actions, approve, review. Each change
/// is saved with its audit entry; refusals name the field and change nothing.
/// </summary>
public sealed class RiskAssessmentWork(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, IOptions<RiskAssessmentOptions> options)
{
    private DateOnly Today => UkCalendar.Today(clock);

    public async Task<(Guid? Id, List<FieldError> Errors)> StartAsync(StartAssessmentInput input, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add(new("Title", "Enter a title, for example the site or event it covers."));
        else if (title.Length > 200) errors.Add(new("Title", "The title must be 200 characters or fewer."));
        var description = input.ScopeDescription?.Trim();
        switch (input.Scope)
        {
            case AssessmentScope.Site when input.SiteId is not { } siteId || !await db.Sites.AnyAsync(s => s.Id == siteId, ct):
                errors.Add(new("SiteId", "Choose the site this assessment covers."));
                break;
            case AssessmentScope.Department when input.DepartmentId is not { } departmentId || !await db.Departments.AnyAsync(d => d.Id == departmentId, ct):
                errors.Add(new("DepartmentId", "Choose the department this assessment covers."));
                break;
            case AssessmentScope.Role or AssessmentScope.Event when string.IsNullOrEmpty(description):
                errors.Add(new("ScopeDescription", input.Scope == AssessmentScope.Role ? "Name the role, for example \"Night porter\"." : "Name the event, for example \"Christmas party 2026\"."));
                break;
            case null:
                errors.Add(new("Scope", "Choose what the assessment covers: a site, a department, a role or an event."));
                break;
        }
        if (description?.Length > 200) errors.Add(new("ScopeDescription", "The description must be 200 characters or fewer."));
        if (errors.Count > 0) return (null, errors);

        var scope = input.Scope!.Value;
        var assessment = new RiskAssessment(title!, scope,
            scope == AssessmentScope.Site ? input.SiteId : null, scope == AssessmentScope.Department ? input.DepartmentId : null,
            scope is AssessmentScope.Role or AssessmentScope.Event ? description : null, clock.GetUtcNow().UtcDateTime);
        db.RiskAssessments.Add(assessment);
        await audit.SaveAsync(db, AuditEvent.For("risk-assessment.started", "RiskAssessment", assessment.Id, $"Risk assessment \"{assessment.Title}\" started"), ct);
        return (assessment.Id, []);
    }

    /// <summary>Factors the directory suggests for a site: lone workers suggest lone working, and so on, with how many people.</summary>
    public async Task<List<FactorSuggestion>> SuggestionsAsync(Guid siteId, CancellationToken ct = default)
    {
        var bySignal = await DirectorySignals.OnAsync(db, siteId, Today, ct);
        if (bySignal is null) return [];
        var factors = await db.RiskFactors.AsNoTracking().Where(f => f.Signal != DirectorySignal.None).ToListAsync(ct);
        return factors.Where(f => bySignal.GetValueOrDefault(f.Signal) > 0)
            .Select(f => new FactorSuggestion(f.Code, bySignal[f.Signal], f.Signal)).OrderBy(s => s.FactorCode).ToList();
    }

    public async Task<List<FieldError>> RateAsync(Guid assessmentId, RatingInput input, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (input.Applies)
        {
            if (string.IsNullOrWhiteSpace(input.WhoIsAtRisk)) errors.Add(new("WhoIsAtRisk", "Say who is at risk, for example \"bar staff on late shifts\"."));
            else if (input.WhoIsAtRisk.Trim().Length > 500) errors.Add(new("WhoIsAtRisk", "Keep this to 500 characters or fewer."));
            if (input.Likelihood is not (>= FactorRating.MinScale and <= FactorRating.MaxScale)) errors.Add(new("Likelihood", "Choose a likelihood from 1 (rare) to 5 (almost certain)."));
            if (input.Severity is not (>= FactorRating.MinScale and <= FactorRating.MaxScale)) errors.Add(new("Severity", "Choose a severity from 1 (minor) to 5 (very serious)."));
            if (input.ControlsInPlace?.Trim().Length > 2000) errors.Add(new("ControlsInPlace", "Keep the controls to 2,000 characters or fewer."));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.NotRelevantReason)) errors.Add(new("NotRelevantReason", "Say why this factor is not relevant here, for example \"no alcohol is served or drunk at this site\"."));
            else if (input.NotRelevantReason.Trim().Length > 1000) errors.Add(new("NotRelevantReason", "Keep the reason to 1,000 characters or fewer."));
        }
        if (string.IsNullOrEmpty(input.FactorCode) || !await db.RiskFactors.AnyAsync(f => f.Code == input.FactorCode, ct))
        {
            errors.Add(new("FactorCode", "That risk factor is not in the library."));
        }
        if (errors.Count > 0) return errors;
        return await ChangeDraftAsync(assessmentId, (assessment, draft) =>
        {
            draft.Rate(input.FactorCode!, input.Applies, input.WhoIsAtRisk, input.Likelihood, input.Severity, input.ControlsInPlace, input.NotRelevantReason);
            return AuditEvent.For("risk-assessment.factor-rated", "RiskAssessment", assessment.Id,
                input.Applies ? $"{input.FactorCode} rated {input.Likelihood} x {input.Severity} in revision {draft.Number}" : $"{input.FactorCode} marked as not relevant here in revision {draft.Number}");
        }, ct);
    }

    public async Task<List<FieldError>> AddActionAsync(Guid assessmentId, ActionInput input, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description)) errors.Add(new("Description", "Say what will be done."));
        else if (description.Length > RiskAction.MaxDescriptionLength) errors.Add(new("Description", $"Keep the action to {RiskAction.MaxDescriptionLength:N0} characters or fewer."));
        var owner = input.Owner?.Trim();
        if (string.IsNullOrEmpty(owner)) errors.Add(new("Owner", "Name the person responsible for the action."));
        else if (owner.Length > 200) errors.Add(new("Owner", "The owner must be 200 characters or fewer."));
        var due = EmployeeValidator.ParseDate(input.DueDate);
        if (due is null) errors.Add(new("DueDate", "Enter the due date as a UK date, such as 31/03/2026 or 31 March 2026."));
        else if (due < Today) errors.Add(new("DueDate", "The due date cannot be in the past."));
        if (!string.IsNullOrEmpty(input.FactorCode) && !await db.RiskFactors.AnyAsync(f => f.Code == input.FactorCode, ct))
        {
            errors.Add(new("FactorCode", "That risk factor is not in the library."));
        }
        var assessment = await db.RiskAssessments.Include(a => a.Revisions).SingleOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null) errors.Add(new("", "That risk assessment no longer exists."));
        if (errors.Count > 0) return errors;

        var action = new RiskAction(assessmentId, assessment!.Current.Number, string.IsNullOrEmpty(input.FactorCode) ? null : input.FactorCode, description!, owner!, due!.Value, clock.GetUtcNow().UtcDateTime);
        db.RiskActions.Add(action);
        await audit.SaveAsync(db, AuditEvent.For("risk-action.added", "RiskAction", action.Id, $"Action for \"{assessment.Title}\", owner {owner}, due {UkDates.Long(due)}"), ct);
        return [];
    }

    public Task<List<FieldError>> StartActionAsync(Guid actionId, CancellationToken ct = default) =>
        ChangeActionAsync(actionId, action =>
        {
            action.Start();
            return AuditEvent.For("risk-action.started", "RiskAction", action.Id, "Action marked as in progress");
        }, ct);

    public Task<List<FieldError>> CompleteActionAsync(Guid actionId, string? completedOn, string? note, CancellationToken ct = default)
    {
        var date = EmployeeValidator.ParseDate(completedOn);
        if (!string.IsNullOrWhiteSpace(completedOn) && date is null) return Task.FromResult<List<FieldError>>([new("CompletedOn", "Enter the completion date as a UK date, such as 31/03/2026 or 31 March 2026.")]);
        return ChangeActionAsync(actionId, action =>
        {
            action.Complete(date, note, Today);
            return AuditEvent.For("risk-action.completed", "RiskAction", action.Id, $"Action completed on {UkDates.Long(date)}");
        }, ct);
    }

    public async Task<List<FieldError>> ApproveAsync(Guid assessmentId, Guid approverId, string approverName, CancellationToken ct = default)
    {
        var scope = await ApprovalScopeAsync(assessmentId, ct);
        return await ChangeDraftAsync(assessmentId, (assessment, draft) =>
        {
            var nextReview = Today.AddMonths(options.Value.ReviewIntervalMonths);
            assessment.Approve(approverId, approverName, clock.GetUtcNow().UtcDateTime, nextReview, scope);
            return AuditEvent.For("risk-assessment.approved", "RiskAssessment", assessment.Id,
                $"Revision {draft.Number} of \"{assessment.Title}\" approved by {approverName} (content SHA-256 {draft.ApprovedContentHash}); next review by {UkDates.Long(nextReview)}");
        }, ct);
    }

    /// <summary>
    /// Marks every factor not yet considered in the draft as not relevant here, with one reason the HR manager
    /// writes: a deliberate, recorded judgement for the factors that plainly do not apply.
    /// </summary>
    public async Task<List<FieldError>> MarkRestNotRelevantAsync(Guid assessmentId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return [new("RestReason", "Say why the remaining factors are not relevant here.")];
        if (reason.Trim().Length > 1000) return [new("RestReason", "Keep the reason to 1,000 characters or fewer.")];
        var codes = await db.RiskFactors.Select(f => f.Code).ToListAsync(ct);
        return await ChangeDraftAsync(assessmentId, (assessment, draft) =>
        {
            // Factors never rated, and those marked as not applying without a reason (older drafts and reviews).
            var rest = codes.Where(c => draft.Ratings.FirstOrDefault(r => r.FactorCode == c) is not { } r || (!r.Applies && !r.IsConsidered)).ToList();
            if (rest.Count == 0) throw new AssessmentRuleException("Every factor not yet considered is rated but incomplete: finish each of them on its own page.", "RestReason");
            foreach (var code in rest) draft.Rate(code, false, null, null, null, null, reason);
            return AuditEvent.For("risk-assessment.factors-not-relevant", "RiskAssessment", assessment.Id,
                $"{rest.Count} factors marked as not relevant here in revision {draft.Number}");
        }, ct);
    }

    /// <summary>What approval checks: the whole factor library, and which factors have an action on this assessment.</summary>
    public async Task<ApprovalScope> ApprovalScopeAsync(Guid assessmentId, CancellationToken ct = default) =>
        new(await db.RiskFactors.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Title, ct),
            (await db.RiskActions.Where(a => a.AssessmentId == assessmentId && a.FactorCode != null).Select(a => a.FactorCode!).Distinct().ToListAsync(ct)).ToHashSet());

    public Task<List<FieldError>> StartReviewAsync(Guid assessmentId, CancellationToken ct = default) =>
        ChangeLockedAsync(assessmentId, assessment =>
        {
            var revision = assessment.StartReview(clock.GetUtcNow().UtcDateTime);
            return AuditEvent.For("risk-assessment.review-started", "RiskAssessment", assessment.Id,
                $"Review of \"{assessment.Title}\" started as revision {revision.Number}");
        }, ct);

    public Task<RiskAssessment?> LoadAsync(Guid assessmentId, CancellationToken ct = default) =>
        db.RiskAssessments.Include(a => a.Revisions).ThenInclude(r => r.Ratings).SingleOrDefaultAsync(a => a.Id == assessmentId, ct);

    /// <summary>
    /// Loads the assessment with its row locked until the transaction ends, so that an approval, a rating, a
    /// review and an incident's flag on the same assessment happen one after another, never interleaved.
    /// </summary>
    private async Task<RiskAssessment?> LoadLockedAsync(Guid assessmentId, CancellationToken ct)
    {
        await db.Dialect.LockRowsAsync(db, $"SELECT 1 FROM risk_assessments WHERE id = {assessmentId}", ct);
        return await LoadAsync(assessmentId, ct);
    }

    private Task<List<FieldError>> ChangeDraftAsync(Guid assessmentId, Func<RiskAssessment, AssessmentRevision, AuditEvent> change, CancellationToken ct) =>
        ChangeLockedAsync(assessmentId, assessment => change(assessment, assessment.Draft), ct);

    /// <summary>One change to one assessment, under its row lock, saved with its audit entry; a refused change saves nothing.</summary>
    private async Task<List<FieldError>> ChangeLockedAsync(Guid assessmentId, Func<RiskAssessment, AuditEvent> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var assessment = await LoadLockedAsync(assessmentId, ct);
        if (assessment is null) return [new("", "That risk assessment no longer exists.")];
        try
        {
            await audit.SaveAsync(db, change(assessment), ct);
            await tx.CommitAsync(ct);
            return [];
        }
        catch (AssessmentRuleException ex)
        {
            // Nothing of a refused change reaches the database.
            db.ChangeTracker.Clear();
            return [new(ex.Field, ex.Message)];
        }
    }

    private async Task<List<FieldError>> ChangeActionAsync(Guid actionId, Func<RiskAction, AuditEvent> change, CancellationToken ct)
    {
        var action = await db.RiskActions.FindAsync([actionId], ct);
        if (action is null) return [new("", "That action no longer exists.")];
        try
        {
            await audit.SaveAsync(db, change(action), ct);
            return [];
        }
        catch (AssessmentRuleException ex)
        {
            db.ChangeTracker.Clear();
            return [new(ex.Field, ex.Message)];
        }
    }
}
