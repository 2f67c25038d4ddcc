using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk;

/// <summary>The risk-factor library: the guidance's factors and the organisation's own, which HR managers add here.</summary>
public sealed class FactorsModel(ComplianceDbContext db, AddOrganisationFactor add) : PageModel
{
    [BindProperty] public FactorForm Input { get; set; } = new();

    public List<RiskFactor> Factors { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.HRManager);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var (code, errors) = await add.HandleAsync(new OrganisationFactorInput(Input.Title, Input.Explanation, Input.SuggestedControls), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = $"Factor {code} \"{Input.Title?.Trim()}\" added. It is listed in every draft assessment.";
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Factors = await db.RiskFactors.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code).ToListAsync(HttpContext.RequestAborted);

    public sealed class FactorForm
    {
        public string? Title { get; set; }
        public string? Explanation { get; set; }
        public string? SuggestedControls { get; set; }
    }
}
