using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Reminders;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Cases;

/// <summary>The case handler's queue: ages and deadlines, no content. Cases a handler is kept out of are not listed at all.</summary>
public sealed class IndexModel(ComplianceDbContext db, CaseWork work, ReportGuard guard, IOptions<CaseOptions> options, IOptions<ReminderOptions> reminders, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public QueueView View { get; set; } = QueueView.Attention;
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty] public Guid CaseId { get; set; }

    public List<QueueItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; }
    public DateOnly Today { get; private set; }
    public Dictionary<QueueView, int> Counts { get; private set; } = [];
    public int NoticeDays => reminders.Value.CaseDeadlineNoticeDays;

    /// <summary>Reports refused by the reporting page's limits in the last day (this instance): a sign of a scan or a flood.</summary>
    public int RefusedReports => guard.RefusedInLastDay();

    public async Task OnGetAsync()
    {
        if (!Enum.IsDefined(View)) View = QueueView.Attention;
        Today = UkTime.Today(clock);
        var queue = await CaseQueries.QueueAsync(db, CurrentUser.Id(User), View, Today, options.Value, NoticeDays, HttpContext.RequestAborted);
        Counts = queue.Counts;
        var all = queue.Items;
        Total = all.Count;
        PageCount = Pager.CountFor(Total, PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Items = [.. all.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public string PageLink(int page) => $"/cases?view={View.ToString().ToLowerInvariant()}&page={page}";

    public Task<IActionResult> OnPostTakeAsync() =>
        ActAsync(actor => work.TakeAsync(CaseId, actor, HttpContext.RequestAborted), "You have taken the case.", toCase: true);

    public Task<IActionResult> OnPostConflictAsync() =>
        ActAsync(actor => work.DeclareConflictAsync(CaseId, actor, HttpContext.RequestAborted), "Conflict recorded: you are kept out of that case and it no longer appears in your lists.", toCase: false);

    private async Task<IActionResult> ActAsync(Func<CaseActor, Task<List<FieldError>>> act, string done, bool toCase)
    {
        List<FieldError> errors;
        try
        {
            errors = await act(new CaseActor(CurrentUser.Id(User), CurrentUser.DisplayName(User)));
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
        TempData["Notice"] = errors.Count > 0 ? string.Join(" ", errors.Select(e => e.Message)) : done;
        return Redirect(errors.Count == 0 && toCase ? $"/cases/{CaseId}" : $"/cases?view={View.ToString().ToLowerInvariant()}");
    }
}
