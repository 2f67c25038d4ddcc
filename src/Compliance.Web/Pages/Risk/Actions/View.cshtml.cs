using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Actions;

public sealed class ViewModel(ComplianceDbContext db, RiskAssessmentWork work, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public CompleteForm Input { get; set; } = new();

    public RiskAction Action { get; private set; } = null!;
    public string AssessmentTitle { get; private set; } = "";
    public string? FactorTitle { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanEdit => User.IsInRole(Roles.HRManager);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.CompletedOn = Today.ToString("dd/MM/yyyy");
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync()
    {
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        return await AfterAsync(await work.CompleteActionAsync(Id, Input.CompletedOn, Input.CompletionNote, HttpContext.RequestAborted), "Action completed.");
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        return await AfterAsync(await work.StartActionAsync(Id, HttpContext.RequestAborted), "Action marked as in progress.");
    }

    private async Task<IActionResult> AfterAsync(List<FieldError> errors, string notice)
    {
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            return await LoadAsync() ? Page() : NotFound();
        }
        TempData["Notice"] = notice;
        return Redirect($"/risk/actions/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var action = await db.RiskActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id, ct);
        if (action is null) return false;
        Action = action;
        AssessmentTitle = await db.RiskAssessments.Where(a => a.Id == action.AssessmentId).Select(a => a.Title).SingleAsync(ct);
        FactorTitle = action.FactorCode is null ? null : await db.RiskFactors.Where(f => f.Code == action.FactorCode).Select(f => f.Title).SingleOrDefaultAsync(ct);
        return true;
    }

    public sealed class CompleteForm
    {
        public string? CompletedOn { get; set; }
        public string? CompletionNote { get; set; }
    }
}
