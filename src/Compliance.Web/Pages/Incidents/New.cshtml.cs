using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.ThirdParty;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Incidents;

public sealed class NewModel(ComplianceDbContext db, LogIncident log, TimeProvider clock) : PageModel
{
    [BindProperty] public IncidentForm Input { get; set; } = new();

    public List<(Guid Id, string Name)> Sites { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.OccurredOn = Today.ToString("dd/MM/yyyy");
        if (Sites.Count == 1) Input.SiteId = Sites[0].Id;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var logger = new IncidentLogger(CurrentUser.Id(User), CurrentUser.DisplayName(User), !IncidentAccess.LogsAtAnySite(User));
        var (id, errors) = await log.HandleAsync(new LogIncidentInput(Input.OccurredOn, Input.SiteId, Input.PartyType, Input.Description, Input.IsSexual,
            Input.AffectedEmployeeNumber, Input.Responses ?? [], Input.RespondedBy), logger, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            await LoadAsync();
            return Page();
        }
        var flagged = await db.ThirdPartyIncidents.Where(i => i.Id == id).Select(i => i.RiskAssessmentId != null).SingleAsync(HttpContext.RequestAborted);
        TempData["Notice"] = flagged
            ? "Incident logged. The risk assessment for the site has been flagged for review."
            : "Incident logged. No risk assessment covers this site yet: tell your HR manager, so that one is started.";
        return Redirect($"/incidents/{id}");
    }

    private async Task LoadAsync()
    {
        Today = UkTime.Today(clock);
        Sites = await db.LoggableSites(User).ChoicesAsync(HttpContext.RequestAborted);
    }

    public sealed class IncidentForm
    {
        public string? OccurredOn { get; set; }
        public Guid? SiteId { get; set; }
        public ThirdPartyType? PartyType { get; set; }
        public string? Description { get; set; }
        public bool IsSexual { get; set; }
        public string? AffectedEmployeeNumber { get; set; }
        public List<IncidentResponse>? Responses { get; set; }
        public string? RespondedBy { get; set; }
    }
}
