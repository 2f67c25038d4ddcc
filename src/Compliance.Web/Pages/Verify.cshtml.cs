using Compliance.Core.EvidencePacks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages;

/// <summary>
/// Public: anyone given a pack (a tribunal, the EHRC, a union) checks that this installation made it and that it is
/// unchanged. The answer says when it was made and for which period, and nothing else; the file is not kept.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
public sealed class VerifyModel(PackVerifier verifier, Compliance.Core.Auditing.AuditAnchor anchor) : PageModel
{
    /// <summary>The SHA-256 of the certificate packs made here are signed with; null before the first pack.</summary>
    public string? CertificateSha256 { get; } = anchor.PackCertificateSha256();

    /// <summary>Larger than any pack: a year for 10,000 people is well under 1 MB.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The file and the form around it.</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    /// <summary>Checks at once, for the whole instance: the page is public, and each check can read the audit chain.</summary>
    private static readonly SemaphoreSlim AtOnce = new(2, 2);

    public PackVerification? Result { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Choose the pack's PDF, or its records ZIP, to check.");
        else if (Upload.Length > MaxBytes) ModelState.AddModelError(nameof(Upload), "The file is larger than any pack (20 MB): it cannot be one made here.");
        if (!ModelState.IsValid) return Page();
        if (!await AtOnce.WaitAsync(TimeSpan.FromSeconds(10), HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Upload), "Too many files are being checked right now. Try again in a minute.");
            return Page();
        }
        try
        {
            await using var stream = Upload!.OpenReadStream();
            Result = await verifier.VerifyAsync(stream, HttpContext.RequestAborted);
        }
        finally
        {
            AtOnce.Release();
        }
        return Page();
    }
}
