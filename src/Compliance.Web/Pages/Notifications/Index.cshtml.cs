using Compliance.Core.Data;
using Compliance.Core.Reminders;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Notifications;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public List<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var me = CurrentUser.Id(User);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        Unread = await mine.CountAsync(n => n.ReadAtUtc == null, ct);
        PageCount = Pager.CountFor(await mine.CountAsync(ct), PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Items = await mine.OrderBy(n => n.ReadAtUtc != null).ThenByDescending(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>Marks it read and opens the page it is about (only pages of this app).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id)
    {
        var me = CurrentUser.Id(User);
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == me, HttpContext.RequestAborted);
        if (n is null) return NotFound();
        n.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(n.Path) ? n.Path : "/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var me = CurrentUser.Id(User);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Notifications.Where(n => n.UserId == me && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), HttpContext.RequestAborted);
        TempData["Notice"] = count == 0 ? "There was nothing unread." : $"{count} {(count == 1 ? "notification" : "notifications")} marked as read.";
        return RedirectToPage();
    }

    public string PageLink(int page) => $"/notifications?page={page}";
}
