using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Web.Infrastructure;
using Compliance.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Admin.Outbox;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ComplianceDbContext db, AuditTrail audit, BackgroundJobs jobs, IOptions<MailOptions> options, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, DateTime CreatedAtUtc, string To, string Subject, MessageStatus Status, int Attempts, DateTime NextAttemptAtUtc,
        string? LastError, DateTime? DoneAtUtc, string? FileName);

    [FromQuery(Name = "status")] public string? Filter { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public List<Row> Messages { get; private set; } = [];
    public Dictionary<MessageStatus, int> Counts { get; private set; } = [];
    public bool MailConfigured { get; private set; }
    public Pager Pager { get; private set; } = new(1, 1, "Pages of messages", _ => "/admin/outbox");

    public static readonly (string Key, string Label, MessageStatus[] Statuses)[] Filters =
    [
        ("", "All", []),
        ("waiting", "Waiting or being sent", [MessageStatus.Queued, MessageStatus.Sending]),
        ("failed", "Given up", [MessageStatus.GaveUp]),
        ("sent", "Sent", [MessageStatus.Sent]),
        ("folder", "Saved to the outbox folder", [MessageStatus.SavedToFolder]),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var filter = Filters.FirstOrDefault(f => f.Key == (Filter ?? ""));
        if (filter.Label is null) return RedirectToPage(new { status = (string?)null });
        MailConfigured = (await db.MailSettings.AsNoTracking().CurrentAsync(ct))?.IsConfigured == true;
        Counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.OutboxMessages.AsNoTracking();
        if (filter.Statuses.Length > 0) query = query.Where(m => filter.Statuses.Contains(m.Status));
        var total = await query.CountAsync(ct);
        var pages = Pager.CountFor(total, PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        Messages = await query.OrderByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new Row(m.Id, m.CreatedAtUtc, m.Kind == OutboxMessage.ReporterNoticeKind ? OutboxMessage.ShownAddress(m.Kind, "") : m.ToAddress, m.Subject, m.Status, m.Attempts, m.NextAttemptAtUtc, m.LastError, m.DoneAtUtc, m.FileName))
            .ToListAsync(ct);
        var key = filter.Key;
        Pager = new Pager(PageNumber, pages, "Pages of messages", p => $"/admin/outbox?{(key.Length > 0 ? $"status={key}&" : "")}page={p}");
        return Page();
    }

    /// <summary>The saved .eml file, to open in a mail program.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id)
    {
        var name = await db.OutboxMessages.Where(m => m.Id == id && m.Status == MessageStatus.SavedToFolder).Select(m => m.FileName).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var path = name is null ? null : Path.Combine(options.Value.OutboxPath, Path.GetFileName(name));
        if (path is null || !System.IO.File.Exists(path)) return NotFound();
        return PhysicalFile(path, "message/rfc822", Path.GetFileName(path));
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.Status is not (MessageStatus.GaveUp or MessageStatus.Queued))
        {
            TempData["Problem"] = "That message is not waiting to be sent, so there is nothing to try again.";
            return RedirectToPage();
        }
        message.Retry(clock.GetUtcNow().UtcDateTime);
        await audit.SaveAsync(db, new AuditEvent("mail.retried", "OutboxMessage", id.ToString(), $"Message to {OutboxMessage.ShownAddress(message.Kind, message.ToAddress)} queued to be tried again"), ct);
        await jobs.RunNowAsync(JobNames.MailDispatch, ct);
        TempData["Notice"] = $"The message to {OutboxMessage.ShownAddress(message.Kind, message.ToAddress)} will be tried again now.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendNowAsync()
    {
        await jobs.RunNowAsync(JobNames.MailDispatch, HttpContext.RequestAborted);
        await audit.SaveAsync(db, new AuditEvent("job.run-requested", "Job", JobNames.MailDispatch, "Mail sender run requested from the Outbox page"), HttpContext.RequestAborted);
        TempData["Notice"] = "Sending waiting messages now. Refresh this page in a moment to see the outcome.";
        return RedirectToPage();
    }

    public static string Describe(MessageStatus status) => status switch
    {
        MessageStatus.Queued => "Waiting",
        MessageStatus.Sending => "Being sent",
        MessageStatus.Sent => "Sent",
        MessageStatus.SavedToFolder => "Saved to folder",
        _ => "Given up",
    };
}
