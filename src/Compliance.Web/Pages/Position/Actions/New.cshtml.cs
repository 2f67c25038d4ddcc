using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Position.Actions;

/// <summary>An HR manager or a director adds an action to the plan by hand.</summary>
public sealed class NewModel(ActionPlan plan) : PageModel
{
    [BindProperty] public PlanActionForm Input { get; set; } = new();

    public void OnGet([FromQuery] int? step)
    {
        if (step is >= 1 and <= 8) Input.Step = step.ToString();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (id, errors) = await plan.AddAsync(Input.ToInput(), CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (id is null)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        TempData["Notice"] = "The action is in the plan.";
        return Redirect($"/position/actions/{id}");
    }
}
