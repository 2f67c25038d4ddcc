using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Compliance.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Users;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EditModel(StaffAccounts accounts, UserManager<ApplicationUser> users, ComplianceDbContext db, InvitationMailer mailer) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public List<Guid> SiteIds { get; set; } = [];
    [BindProperty] public List<Guid> DepartmentIds { get; set; } = [];

    public ApplicationUser Person { get; private set; } = null!;
    public bool IsSelf { get; private set; }
    public bool IsLocked { get; private set; }
    public List<(Guid Id, string Name)> Sites { get; private set; } = [];
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public string? Confirming { get; private set; }
    public IssuedLinkView? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(fromDatabase: true) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync()
    {
        var errors = await accounts.ChangeRolesAsync(Id, Roles, CurrentUser.Id(User), HttpContext.RequestAborted);
        return await DoneAsync(errors.Count == 0 ? null : errors, "Roles saved.");
    }

    public async Task<IActionResult> OnPostScopeAsync()
    {
        var error = await accounts.SetManagerScopeAsync(Id, SiteIds, DepartmentIds, HttpContext.RequestAborted);
        return await DoneAsync(error is null ? null : [new("SiteIds", error)], "Sites and departments saved.");
    }

    public async Task<IActionResult> OnPostLinkAsync()
    {
        var (link, error) = await accounts.IssueNewLinkAsync(Id, CurrentUser.Id(User), HttpContext.RequestAborted);
        if (link is null) return await DoneAsync([new("", error!)], "");
        if (!await LoadAsync(fromDatabase: true)) return NotFound();
        var url = CurrentUser.InvitationUrl(Request, link.Secret);
        var mailed = await mailer.SendAsync(link.UserId, Person.Email!, Person.DisplayName, url, link.ExpiresAtUtc, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        Issued = new(url, link.ExpiresAtUtc, Person.DisplayName, mailed);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(bool confirmed) =>
        ConfirmThenAsync("disable", confirmed, () => accounts.DisableAsync(Id, CurrentUser.Id(User), HttpContext.RequestAborted), "Account disabled. Its sessions have ended.");

    public Task<IActionResult> OnPostResetTwoFactorAsync(bool confirmed) =>
        ConfirmThenAsync("reset-two-factor", confirmed, () => accounts.ResetTwoFactorAsync(Id, CurrentUser.Id(User), HttpContext.RequestAborted),
            "Two-factor sign-in reset. They will set up a new authenticator when they next sign in.");

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var error = await accounts.EnableAsync(Id, CurrentUser.Id(User), HttpContext.RequestAborted);
        return await DoneAsync(error is null ? null : [new("", error)], "Account enabled. They can sign in again.");
    }

    private async Task<IActionResult> ConfirmThenAsync(string action, bool confirmed, Func<Task<string?>> act, string notice)
    {
        if (!confirmed)
        {
            if (!await LoadAsync(fromDatabase: true)) return NotFound();
            Confirming = action;
            return Page();
        }
        var error = await act();
        return await DoneAsync(error is null ? null : [new("", error)], notice);
    }

    private async Task<IActionResult> DoneAsync(List<FieldError>? errors, string notice)
    {
        if (errors is null)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { Id });
        }
        // Show the refusal with what the person chose, and nothing saved.
        if (!await LoadAsync(fromDatabase: false)) return NotFound();
        ModelState.AddErrors(errors, prefix: "");
        return Page();
    }

    private async Task<bool> LoadAsync(bool fromDatabase)
    {
        var ct = HttpContext.RequestAborted;
        var person = await users.FindByIdAsync(Id.ToString());
        if (person is null) return false;
        Person = person;
        IsSelf = person.Id == CurrentUser.Id(User);
        IsLocked = await users.IsLockedOutAsync(person);
        Sites = await db.Sites.ChoicesAsync(ct);
        Departments = await db.Departments.ChoicesAsync(ct);
        if (fromDatabase)
        {
            Roles = [.. await users.GetRolesAsync(person)];
            var scopes = await db.ManagerScopes.AsNoTracking().Where(s => s.UserId == Id).ToListAsync(ct);
            SiteIds = scopes.Where(s => s.SiteId != null).Select(s => s.SiteId!.Value).ToList();
            DepartmentIds = scopes.Where(s => s.DepartmentId != null).Select(s => s.DepartmentId!.Value).ToList();
        }
        return true;
    }
}
