using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages;

public sealed class SetupModel(SetUpOrganisation setUp, SetupGate gate, ComplianceDbContext db) : PageModel
{
    [BindProperty]
    public SetupForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await gate.IsSetUpAsync(db, HttpContext.RequestAborted) ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await gate.IsSetUpAsync(db, HttpContext.RequestAborted))
        {
            return RedirectToPage("/Account/SignIn");
        }
        ModelState.Clear();
        var errors = await setUp.HandleAsync(new SetUpOrganisationInput(Input.OrganisationName, Input.Sector, Input.SizeBand,
            Input.Nations ?? [], Input.AdministratorName, Input.AdministratorEmail, Input.Password, Input.ConfirmPassword), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            Input.Password = Input.ConfirmPassword = null;
            return Page();
        }
        TempData["Notice"] = "Your organisation is set up. Sign in with the account you have just created.";
        return RedirectToPage("/Account/SignIn");
    }

    public sealed class SetupForm
    {
        public string? OrganisationName { get; set; }
        public Sector? Sector { get; set; }
        public SizeBand? SizeBand { get; set; }
        public List<Nation>? Nations { get; set; }
        public string? AdministratorName { get; set; }
        public string? AdministratorEmail { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
