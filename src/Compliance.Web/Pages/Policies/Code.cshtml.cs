using Compliance.Core.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Policies;

/// <summary>
/// For people given a printed letter: the code opens the same page as an emailed link. A wrong code gets one plain
/// message, whether it never existed, has expired or belongs to someone who has left; posts are rate-limited.
/// </summary>
public sealed class CodeModel(PolicyAcknowledging acknowledging) : PageModel
{
    public const string NotValid = "That code is not valid. Check it against your letter, or ask your manager or HR for a new one.";

    [BindProperty] public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var code = PolicyLetters.Normalise(Code);
        if (string.IsNullOrWhiteSpace(Code)) ModelState.AddModelError(nameof(Code), "Enter the code from your letter.");
        else if (code is null || (await acknowledging.OpenAsync(code, HttpContext.RequestAborted)).State == LinkState.NotValid) ModelState.AddModelError(nameof(Code), NotValid);
        else return Redirect($"/policies/acknowledge/{code}");
        return Page();
    }
}
