using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Users;

public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Email, List<string> Roles, string Status, bool TwoFactor, DateTime? LastSignedInAtUtc);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Row> People { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        Total = await db.Users.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisabledAtUtc != null).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.DisabledAtUtc,
                u.PasswordHash,
                u.LockoutEnd,
                u.TwoFactorEnabled,
                u.LastSignedInAtUtc,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        People = users.Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.Roles.Select(Core.Accounts.Roles.Label).Order().ToList(),
            u.DisabledAtUtc is not null ? "Disabled" : u.PasswordHash is null ? "Invited" : u.LockoutEnd > now ? "Locked" : "Active",
            u.TwoFactorEnabled, u.LastSignedInAtUtc)).ToList();
    }

    public string PageLink(int page) => Url.Page("/Admin/Users/Index", new { p = page })!;
}
