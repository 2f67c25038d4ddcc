using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Web.Infrastructure;
using Compliance.Web.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Packs;

/// <summary>The evidence packs: ask for one (made in the background), and every pack made, newest first, to download again.</summary>
public sealed class IndexModel(ComplianceDbContext db, EvidencePackWork work, UserManager<ApplicationUser> users, BackgroundJobs jobs, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(Guid Id, DateOnly From, DateOnly To, bool Named, string RequestedBy, DateTime RequestedAtUtc, PackStatus Status, string Chapter, int Percent,
        long Size, int Pages, string? Sha256, string? Error, DateTime? GeneratedAtUtc, long CompanionSize);

    /// <summary>A pack as the list and its own page show it: never its stored files, only their sizes.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<EvidencePack, Row>> AsRow = p => new Row(p.Id, p.PeriodFrom, p.PeriodTo, p.Named, p.RequestedByName,
        p.RequestedAtUtc, p.Status, p.Chapter, p.Percent, p.SizeBytes, p.PageCount, p.Sha256, p.Error, p.GeneratedAtUtc, p.Companion == null ? 0 : p.Companion.Length);

    public List<Row> Rows { get; private set; } = [];
    public Pager? Pager { get; private set; }
    public bool IsDirector => User.IsInRole(Roles.Director);

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Period { get; set; } = PackPeriod.Last12Months;
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public bool Named { get; set; }

    public (DateOnly From, DateOnly To) PeriodOf(string choice) => PackPeriod.Resolve(new(choice, null, null), UkTime.Today(clock)) is var r ? (r.From, r.To) : default;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var (id, errors) = await work.RequestAsync(new PackRequestInput(Period, From, To, Named), user.Id, CurrentUser.DisplayName(User), IsDirector, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            await LoadAsync();
            return Page();
        }
        // A look a minute later as well, in case a run just finishing did not see the request.
        jobs.Start(JobNames.EvidencePacks, asked: false, lookAgainAfter: TimeSpan.FromMinutes(1));
        return Redirect($"/packs/{id}");
    }

    private async Task LoadAsync()
    {
        var total = await db.EvidencePacks.CountAsync(HttpContext.RequestAborted);
        var pages = Pager.CountFor(total, PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        Rows = await db.EvidencePacks.AsNoTracking().OrderByDescending(p => p.RequestedAtUtc).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(AsRow)
            .ToListAsync(HttpContext.RequestAborted);
        Pager = new Pager(PageNumber, pages, "Pages of evidence packs", p => $"/packs?page={p}");
    }

    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.0} MB" : $"{Math.Max(1, bytes / 1024):N0} KB";

    public static string StatusText(Row r) => r.Status switch
    {
        PackStatus.Ready => "Ready",
        PackStatus.Failed => "Failed",
        PackStatus.Generating => $"Being made: {r.Chapter} ({r.Percent}%)",
        _ => "Waiting to start",
    };
}
