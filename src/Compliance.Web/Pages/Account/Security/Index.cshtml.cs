using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account.Security;

/// <summary>A person's own sign-in security: two-factor status, recovery codes, replacing a lost authenticator.</summary>
public sealed class IndexModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool Required { get; private set; }
    public bool ConfirmingReset { get; private set; }
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    /// <summary>Asked again before either change, so an unattended session cannot take away someone's second factor.</summary>
    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage("/Account/Security/Authenticator");
        if (!await PasswordIsRightAsync(user, nameof(Password)))
        {
            await LoadAsync(user);
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AuthenticatorModel.RecoveryCodeCount))!.ToList();
        await audit.SaveAsync(db, AuditEvent.For("account.recovery-codes-renewed", "Account", user.Id, "New recovery codes made; the old ones no longer work"), ct);
        await tx.CommitAsync(ct);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(bool confirmed)
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!confirmed || !await PasswordIsRightAsync(user, "ResetPassword"))
        {
            ConfirmingReset = true;
            await LoadAsync(user);
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await audit.SaveAsync(db, AuditEvent.For("account.two-factor-reset", "Account", user.Id, "Authenticator removed by its owner, to set up a new one"), ct);
        await tx.CommitAsync(ct);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("/Account/Security/Authenticator");
    }

    private async Task<bool> PasswordIsRightAsync(ApplicationUser user, string field)
    {
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(field, "Enter your password to confirm it is you.");
            return false;
        }
        if (await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, Password))
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(field, "That password is not right.");
            return false;
        }
        return true;
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        TwoFactorEnabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        Required = Roles.RequiringTwoFactor.Any(User.IsInRole);
    }
}
