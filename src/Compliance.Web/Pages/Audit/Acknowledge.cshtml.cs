using Compliance.Core.Auditing;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Audit;

/// <summary>
/// A director acknowledges a failed check of the audit trail's checkpoints (after a restore, or once a deletion has
/// been investigated): the earlier checkpoints are set aside, the acknowledgement is recorded in the chain with the
/// reason, and a new checkpoint starts a new record. Until then no checkpoint is written over the failed chain.
/// </summary>
public sealed class AcknowledgeModel(AuditVerifier verifier, AuditAcknowledgement acknowledgement) : PageModel
{
    public AuditVerification Verification { get; private set; } = new(0, AuditHash.Genesis, null, null);

    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync() => Verification = await verifier.VerifyAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = await acknowledgement.AcknowledgeAsync(Reason, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            await OnGetAsync();
            return Page();
        }
        TempData["Notice"] = "The failed check is acknowledged and recorded in the audit trail. The earlier checkpoints are kept in anchor/set-aside/, and a new checkpoint starts a new record.";
        return Redirect("/audit");
    }
}
