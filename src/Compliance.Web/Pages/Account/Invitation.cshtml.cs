using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

/// <summary>A one-time link from an administrator: choose a password (and, for some roles, set up an authenticator next).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class InvitationModel(StaffAccounts accounts, SignInManager<ApplicationUser> signIn, SignInEvents events) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Secret { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Usable { get; private set; }
    public bool FirstTime { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (!Usable) Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (user, errors) = await accounts.AcceptLinkAsync(Secret, Password, ConfirmPassword, ct);
        if (user is null)
        {
            ModelState.AddErrors(errors, prefix: "");
            Password = ConfirmPassword = null;
            await LoadAsync();
            return Page();
        }
        if (user.TwoFactorEnabled)
        {
            TempData["Notice"] = "Your new password is set. Sign in with it and your authenticator code.";
            return RedirectToPage("/Account/SignIn");
        }
        await signIn.SignInAsync(user, isPersistent: false);
        await events.SucceededAsync(user, "after choosing a password through a one-time link", ct);
        if ((await signIn.UserManager.GetRolesAsync(user)).Any(Roles.RequiringTwoFactor.Contains))
        {
            return Redirect("/account/security/authenticator");
        }
        TempData["Notice"] = "Welcome. Your password is set. We strongly recommend turning on two-factor sign-in now.";
        return RedirectToPage("/Account/Security/Index");
    }

    private async Task LoadAsync()
    {
        var found = await accounts.FindLinkAsync(Secret, HttpContext.RequestAborted);
        Usable = found is not null;
        if (found is { } link)
        {
            FirstTime = !link.User.HasAcceptedInvitation;
            Name = link.User.DisplayName;
            Email = link.User.Email ?? "";
        }
    }
}
