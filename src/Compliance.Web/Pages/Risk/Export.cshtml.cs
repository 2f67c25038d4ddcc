using Compliance.Core.Exports;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Risk;

/// <summary>CSV downloads for the HR manager's own analysis; cells that a spreadsheet would run as formulas are neutralised.</summary>
public sealed class ExportModel(RiskRegisterExport export, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetAssessmentsAsync() => Csv(await export.AssessmentsAsync(HttpContext.RequestAborted), "risk-assessments");

    public async Task<IActionResult> OnGetActionsAsync() => Csv(await export.ActionsAsync(HttpContext.RequestAborted), "risk-actions");

    public async Task<IActionResult> OnGetIncidentsAsync() => Csv(await export.IncidentsAsync(HttpContext.RequestAborted), "third-party-incidents");

    private FileContentResult Csv(byte[] content, string name) =>
        File(content, "text/csv; charset=utf-8", $"{name}-{UkTime.Today(clock):yyyy-MM-dd}.csv");
}
