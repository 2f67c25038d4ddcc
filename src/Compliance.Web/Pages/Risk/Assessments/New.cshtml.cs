using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Assessments;

public sealed class NewModel(ComplianceDbContext db, RiskAssessmentWork work) : PageModel
{
    [BindProperty] public StartForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public Guid? Site { get; set; }

    public List<(Guid Id, string Name)> Sites { get; private set; } = [];
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (Site is { } siteId)
        {
            Input = new StartForm { Scope = AssessmentScope.Site, SiteId = siteId };
        }
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (id, errors) = await work.StartAsync(new StartAssessmentInput(Input.Title, Input.Scope, Input.SiteId, Input.DepartmentId, Input.ScopeDescription), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "Risk assessment started. Work through the factors below, then add actions and approve it.";
        return Redirect($"/risk/assessments/{id}");
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Sites = await db.Sites.ChoicesAsync(ct);
        Departments = await db.Departments.ChoicesAsync(ct);
    }

    public sealed class StartForm
    {
        public string? Title { get; set; }
        public AssessmentScope? Scope { get; set; }
        public Guid? SiteId { get; set; }
        public Guid? DepartmentId { get; set; }
        public string? ScopeDescription { get; set; }
    }
}
