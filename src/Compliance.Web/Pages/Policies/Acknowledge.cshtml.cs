using Compliance.Core.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Policies;

/// <summary>
/// A person's own link: the policy in force, and "I have read and understood this policy". A link that is forged,
/// expired or belongs to someone who has left gets one plain message, the same for each, with no detail.
/// </summary>
public sealed class AcknowledgeModel(PolicyAcknowledging acknowledging) : PageModel
{
    [FromRoute] public string Secret { get; set; } = "";
    [BindProperty] public Guid VersionId { get; set; }

    public LinkView View { get; private set; } = LinkView.NotValid;
    public string Html { get; private set; } = "";
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await acknowledging.AcknowledgeAsync(Secret, VersionId, HttpContext.RequestAborted);
        await LoadAsync();
        Message = outcome switch
        {
            AcknowledgeOutcome.Superseded => "The policy was updated after you opened it, so nothing was recorded. Please read the current version below and confirm again.",
            _ => null,
        };
        return Page();
    }

    private async Task LoadAsync()
    {
        View = await acknowledging.OpenAsync(Secret, HttpContext.RequestAborted);
        if (View.State == LinkState.NotValid) Response.StatusCode = StatusCodes.Status404NotFound;
        if (View.Version is { } version) Html = PolicyMarkdown.ToHtml(version.Text);
    }
}
