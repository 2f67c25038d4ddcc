using System.Text;
using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Compliance.Web.Pages.Account.Security;

/// <summary>Setting up an authenticator app: scan the QR code (or type the key), prove it with a code, keep the recovery codes.</summary>
public sealed class AuthenticatorModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public bool Required { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Security/Index");
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage("/Account/Security/Index");
        var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), code.Length != 6
                ? "Enter the 6-digit code your authenticator app shows for this account."
                : "That code is not right. Check the app shows this account, then enter the code it shows now.");
            Code = null;
            await LoadAsync(user);
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.SaveAsync(db, AuditEvent.For("account.two-factor-enabled", "Account", user.Id, "Two-factor sign-in set up with an authenticator app"), ct);
        await tx.CommitAsync(ct);
        // Enabling changed the security stamp: renew this session so it carries on, now with two-factor recorded.
        await signIn.RefreshSignInAsync(user);
        return Page();
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        Required = Roles.RequiringTwoFactor.Any(User.IsInRole);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp; keep this session (others of the same account end).
            await signIn.RefreshSignInAsync(user);
        }
        SharedKey = Grouped(key!);
        var organisation = await db.Organisations.NameAsync(HttpContext.RequestAborted) ?? "Harassment prevention";
        var issuer = Uri.EscapeDataString(organisation);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    private static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }
}
