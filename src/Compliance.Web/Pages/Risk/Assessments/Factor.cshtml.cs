using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Assessments;

/// <summary>Records how one factor applies in the draft revision.</summary>
public sealed class FactorModel(ComplianceDbContext db, RiskAssessmentWork work) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public string Code { get; set; } = "";

    [BindProperty] public RatingForm Input { get; set; } = new();

    public string AssessmentTitle { get; private set; } = "";
    public RiskFactor Factor { get; private set; } = null!;
    public FactorSuggestion? Suggestion { get; private set; }
    public int RevisionNumber { get; private set; }
    public bool IsDraft { get; private set; }
    public FactorRating? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Existing is { } r)
        {
            Input = new RatingForm { Applies = r.Applies, WhoIsAtRisk = r.WhoIsAtRisk, Likelihood = r.Likelihood, Severity = r.Severity, ControlsInPlace = r.ControlsInPlace, NotRelevantReason = r.NotRelevantReason };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (Input.Applies is null)
        {
            ModelState.AddModelError("Input.Applies", "Say whether this factor applies.");
            return await LoadAsync() ? Page() : NotFound();
        }
        var errors = await work.RateAsync(Id, new RatingInput(Code, Input.Applies.Value, Input.WhoIsAtRisk, Input.Likelihood, Input.Severity, Input.ControlsInPlace, Input.NotRelevantReason), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return await LoadAsync() ? Page() : NotFound();
        }
        TempData["Notice"] = "Factor recorded.";
        return Redirect($"/risk/assessments/{Id}#factor-{Code}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var assessment = await db.RiskAssessments.AsNoTracking().Include(a => a.Revisions).ThenInclude(r => r.Ratings).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == Id, ct);
        var factor = await db.RiskFactors.AsNoTracking().SingleOrDefaultAsync(f => f.Code == Code, ct);
        if (assessment is null || factor is null) return false;
        AssessmentTitle = assessment.Title;
        Factor = factor;
        RevisionNumber = assessment.Current.Number;
        IsDraft = assessment.Current.Status == RevisionStatus.Draft;
        if (assessment.SiteId is { } siteId)
        {
            Suggestion = (await work.SuggestionsAsync(siteId, ct)).FirstOrDefault(s => s.FactorCode == Code);
        }
        Existing = assessment.Current.Ratings.SingleOrDefault(r => r.FactorCode == Code);
        return true;
    }

    public sealed class RatingForm
    {
        public bool? Applies { get; set; }
        public string? WhoIsAtRisk { get; set; }
        public int? Likelihood { get; set; }
        public int? Severity { get; set; }
        public string? ControlsInPlace { get; set; }
        public string? NotRelevantReason { get; set; }
    }
}
