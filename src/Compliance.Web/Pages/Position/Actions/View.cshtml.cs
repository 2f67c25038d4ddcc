using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Position.Actions;

public sealed class ViewModel(ComplianceDbContext db, ActionPlan plan, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public CompleteForm Input { get; set; } = new();
    [BindProperty] public IFormFile? EvidenceFile { get; set; }

    public PlanAction Action { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.CompletedOn = Today.ToString("dd/MM/yyyy");
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        ModelState.Clear();
        return await AfterAsync(await plan.StartAsync(Id, CurrentUser.DisplayName(User), HttpContext.RequestAborted), "Action marked as in progress.");
    }

    public async Task<IActionResult> OnPostCompleteAsync()
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        var files = Request.HasFormContentType ? await ReportChannel.ReadFilesAsync(Request.Form.Files, PlanAction.MaxFileBytes, ct) : [];
        var input = new PlanCompletionInput(Input.CompletedOn, Input.Note, Input.Link, files.FirstOrDefault());
        return await AfterAsync(await plan.CompleteAsync(Id, input, CurrentUser.DisplayName(User), ct), "Action done, with its evidence.");
    }

    /// <summary>The evidence file, as it was given, byte for byte.</summary>
    public async Task<IActionResult> OnGetFileAsync()
    {
        var file = await db.PlanActions.AsNoTracking().Where(a => a.Id == Id && a.EvidenceFile != null)
            .Select(a => new { a.EvidenceFileName, a.EvidenceFile }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (file is null) return NotFound();
        // Served as a download, never shown inline, whatever the file says it is.
        return File(file.EvidenceFile!, "application/octet-stream", file.EvidenceFileName);
    }

    private async Task<IActionResult> AfterAsync(List<FieldError> errors, string notice)
    {
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors.Where(e => e.Field != nameof(PlanCompletionInput.File)));
            foreach (var e in errors.Where(e => e.Field == nameof(PlanCompletionInput.File))) ModelState.AddModelError(nameof(EvidenceFile), e.Message);
            return await LoadAsync() ? Page() : NotFound();
        }
        TempData["Notice"] = notice;
        return Redirect($"/position/actions/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        Today = UkTime.Today(clock);
        var action = await db.PlanActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id, HttpContext.RequestAborted);
        if (action is null) return false;
        Action = action;
        return true;
    }

    public sealed class CompleteForm
    {
        public string? CompletedOn { get; set; }
        public string? Note { get; set; }
        public string? Link { get; set; }
    }
}
