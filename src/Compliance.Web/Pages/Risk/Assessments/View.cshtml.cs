using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Core.ThirdParty;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Assessments;

/// <summary>One assessment: the factor library with this revision's ratings, the actions, approval and review.</summary>
public sealed class ViewModel(ComplianceDbContext db, RiskAssessmentWork work, TimeProvider clock) : PageModel
{
    public sealed record ActionRow(Guid Id, string? FactorCode, string Description, string Owner, DateOnly DueDate, ActionStatus Status, DateOnly? CompletedOn, int RaisedInRevision);
    public sealed record IncidentRow(Guid Id, DateOnly OccurredOn, ThirdPartyType PartyType, bool IsSexual, IncidentResponse Responses);

    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public ActionForm Action { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public string? RestReason { get; set; }

    /// <summary>For a draft: how many factors are considered, and what still stops approval.</summary>
    public ApprovalReadiness? Readiness { get; private set; }

    public RiskAssessment Assessment { get; private set; } = null!;
    public string? Where { get; private set; }
    public List<RiskFactor> Factors { get; private set; } = [];
    public Dictionary<string, FactorSuggestion> Suggestions { get; private set; } = [];
    public List<ActionRow> Actions { get; private set; } = [];
    public List<IncidentRow> IncidentsSinceApproval { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public bool CanEdit => User.IsInRole(Roles.HRManager);
    public bool CanApprove => User.IsInRole(Roles.HRManager) || User.IsInRole(Roles.Director);
    public bool IsDraft => Assessment.Current.Status == RevisionStatus.Draft;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddActionAsync()
    {
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var errors = await work.AddActionAsync(Id, new ActionInput(Action.FactorCode, Action.Description, Action.Owner, Action.DueDate), HttpContext.RequestAborted);
        return await AfterAsync(errors, "Action added.", "Action");
    }

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!CanApprove) return Forbid();
        ModelState.Clear();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "Tick the box to confirm that you approve this revision.");
            return await LoadAsync() ? Page() : NotFound();
        }
        var errors = await work.ApproveAsync(Id, CurrentUser.Id(User), CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        return await AfterAsync(errors, "Revision approved. It can no longer be changed; start a review to make a new revision.", "");
    }

    public async Task<IActionResult> OnPostRestNotRelevantAsync()
    {
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var errors = await work.MarkRestNotRelevantAsync(Id, RestReason, HttpContext.RequestAborted);
        return await AfterAsync(errors, "The remaining factors are marked as not relevant here, with your reason.", "");
    }

    public async Task<IActionResult> OnPostStartReviewAsync()
    {
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var errors = await work.StartReviewAsync(Id, HttpContext.RequestAborted);
        return await AfterAsync(errors, "Review started as a new draft revision, copied from the last approved one.", "");
    }

    private async Task<IActionResult> AfterAsync(List<FieldError> errors, string notice, string prefix)
    {
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix);
            return await LoadAsync() ? Page() : NotFound();
        }
        TempData["Notice"] = notice;
        return Redirect($"/risk/assessments/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var assessment = await db.RiskAssessments.AsNoTracking().Include(a => a.Revisions).ThenInclude(r => r.Ratings).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == Id, ct);
        if (assessment is null) return false;
        Assessment = assessment;
        Where = assessment.Scope switch
        {
            AssessmentScope.Site => await db.Sites.Where(s => s.Id == assessment.SiteId).Select(s => s.Name).SingleAsync(ct),
            AssessmentScope.Department => await db.Departments.Where(d => d.Id == assessment.DepartmentId).Select(d => d.Name).SingleAsync(ct),
            _ => assessment.ScopeDescription,
        };
        Factors = await db.RiskFactors.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code).ToListAsync(ct);
        if (assessment.SiteId is { } siteId)
        {
            Suggestions = (await work.SuggestionsAsync(siteId, ct)).ToDictionary(s => s.FactorCode);
        }
        Actions = await db.RiskActions.AsNoTracking().Where(a => a.AssessmentId == Id).OrderBy(a => a.Status == ActionStatus.Done).ThenBy(a => a.DueDate)
            .Select(a => new ActionRow(a.Id, a.FactorCode, a.Description, a.Owner, a.DueDate, a.Status, a.CompletedOn, a.RaisedInRevision)).ToListAsync(ct);
        if (assessment.Current.Status == RevisionStatus.Draft)
        {
            Readiness = ApprovalReadiness.Of(assessment.Current, await work.ApprovalScopeAsync(Id, ct));
        }
        var since = assessment.LastApproved?.ApprovedAtUtc ?? DateTime.MinValue;
        IncidentsSinceApproval = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.RiskAssessmentId == Id && i.LoggedAtUtc > since)
            .OrderByDescending(i => i.OccurredOn).Select(i => new IncidentRow(i.Id, i.OccurredOn, i.PartyType, i.IsSexual, i.Responses)).ToListAsync(ct);
        return true;
    }

    public sealed class ActionForm
    {
        public string? FactorCode { get; set; }
        public string? Description { get; set; }
        public string? Owner { get; set; }
        public string? DueDate { get; set; }
    }
}
