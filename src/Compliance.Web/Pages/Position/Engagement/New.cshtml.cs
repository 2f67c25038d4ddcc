using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Position.Engagement;

public sealed class NewModel(RecordEngagement record) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    public void OnGet([FromQuery] string? kind)
    {
        if (Enum.TryParse<EngagementKind>(kind, out var k) && Enum.IsDefined(k)) Input.Kind = k.ToString();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (id, errors) = await record.HandleAsync(new EngagementInput(Input.Kind, Input.HeldOn, Input.Title, Input.Audience, Input.Reached, Input.Summary, Input.Link),
            CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (id is null)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        TempData["Notice"] = "Activity recorded. It counts towards step 2 for the next 12 months.";
        return Redirect("/position/engagement");
    }

    public sealed class Form
    {
        public string? Kind { get; set; }
        public string? HeldOn { get; set; }
        public string? Title { get; set; }
        public string? Audience { get; set; }
        public string? Reached { get; set; }
        public string? Summary { get; set; }
        public string? Link { get; set; }
    }
}
