using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Exports;
using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Training;

/// <summary>
/// A course: its settings and content versions, coverage today by site, department and audience, and the people in
/// each state (paged, CSV), with one action to remind a group.
/// </summary>
public sealed class CourseModel(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, CourseWork work, TrainingDistribution distribution,
    IOptions<TrainingOptions> options, CoverageToday kept) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The lists a page can show: the states people are in.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, TrainingState[] States)> Lists =
    [
        ("stale", "Stale", [TrainingState.Stale]),
        ("never", "Never trained", [TrainingState.Never]),
        ("due", "Due soon, and joiners in their joining period", [TrainingState.DueSoon, TrainingState.JoinerDue]),
        ("current", "Current", [TrainingState.Current]),
        ("outstanding", "Not in date (stale or never trained)", [TrainingState.Stale, TrainingState.Never]),
    ];

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "list")] public string List { get; set; } = "outstanding";
    [FromQuery(Name = "site")] public Guid? Site { get; set; }
    [FromQuery(Name = "department")] public Guid? Department { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? VersionEffectiveFrom { get; set; }
    [BindProperty] public string? VersionSummary { get; set; }
    [BindProperty] public TrainingTopics[]? VersionTopics { get; set; }

    public Course Course { get; private set; } = null!;
    public TrainingCoverage.Summary Coverage { get; private set; } = null!;
    public List<TrainingCoverage.Person> People { get; private set; } = [];
    public int ListCount { get; private set; }
    public int PageCount => Pager.CountFor(ListCount, PageSize);
    public DateOnly Today { get; private set; }
    public int DueSoonDays => options.Value.DueSoonDays;
    public string ListLabel => Chosen.Label;

    /// <summary>Where the list is narrowed to, in words: " at Leeds", " in Finance", or nothing for everyone.</summary>
    public string ListScope =>
        (Site is { } s ? $" at {Coverage.Sites.FirstOrDefault(g => g.Id == s)?.Name ?? "a site with no one in scope"}" : "")
        + (Department is { } d ? $" in {Coverage.Departments.FirstOrDefault(g => g.Id == d)?.Name ?? "a department with no one in scope"}" : "");
    private (string Key, string Label, TrainingState[] States) Chosen => Lists.FirstOrDefault(l => l.Key == List) is { Key: not null } l ? l : Lists[^1];

    public string Query(int page) => $"list={Chosen.Key}{(Site is { } s ? $"&site={s}" : "")}{(Department is { } d ? $"&department={d}" : "")}&page={page}";
    public string PageLink(int page) => $"/training/courses/{Id}?{Query(page)}#people";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadCourseAsync()) return NotFound();
        var people = (await kept.OfAsync(db, Id, options.Value.DueSoonDays, ct)).People(Chosen.States, Site, Department);
        var csv = SafeCsv.Write(["Employee number", "Name", "Site", "Department", "Work email", "Status", "Last completed", "Lapses on"],
            people.Select(p => (IReadOnlyList<string?>)[p.EmployeeNumber, p.Name, p.Site, p.Department, p.WorkEmail, p.State.Label(),
                p.LastCompleted?.ToString("yyyy-MM-dd"), p.LastCompleted is { } l ? TrainingRules.LapsesOn(l, Course.RefreshMonths).ToString("yyyy-MM-dd") : null]));
        await audit.SaveAsync(db, AuditEvent.For("training.list-exported", "Course", Id, $"List of {people.Count:N0} people ({Chosen.Label.ToLowerInvariant()}) on \"{Course.Title}\" downloaded"), ct);
        return File(csv, "text/csv", $"{Course.Code.ToLowerInvariant()}-{Chosen.Key}.csv");
    }

    /// <summary>Emails everyone in the chosen list (at the chosen site or department) to take the course; no one twice on one day.</summary>
    public async Task<IActionResult> OnPostRemindAsync()
    {
        if (!User.IsInRole(Roles.HRManager)) return Forbid();
        if (!await LoadCourseAsync()) return NotFound();
        if (Chosen.States.Contains(TrainingState.Current))
        {
            TempData["Notice"] = "People whose training is current are not reminded.";
            return Redirect($"/training/courses/{Id}?{Query(1)}");
        }
        var result = await distribution.RemindGroupAsync(Id, Chosen.States, Site, Department, HttpContext.RequestAborted);
        TempData["Notice"] = $"Reminder for \"{Chosen.Label}\": {result.Summary}.";
        return Redirect($"/training/courses/{Id}?{Query(1)}#people");
    }

    public async Task<IActionResult> OnPostVersionAsync()
    {
        if (!User.IsInRole(Roles.HRManager)) return Forbid();
        ModelState.Clear();
        var topics = (VersionTopics ?? []).Aggregate(TrainingTopics.None, (all, t) => all | t);
        var errors = await work.AddVersionAsync(Id, new CourseVersionInput(VersionEffectiveFrom, VersionSummary, topics), CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            if (!await LoadAsync()) return NotFound();
            ModelState.AddErrors(errors, "", f => f.Length == 0 ? "" : "Version" + f);
            return Page();
        }
        TempData["Notice"] = "Content version added. Completions on or after its date record it.";
        return Redirect($"/training/courses/{Id}#versions");
    }

    private async Task<bool> LoadCourseAsync()
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Versions).SingleOrDefaultAsync(c => c.Id == Id, HttpContext.RequestAborted);
        if (course is null) return false;
        Course = course;
        return true;
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadCourseAsync()) return false;
        Today = UkTime.Today(clock);
        var coverage = await kept.OfAsync(db, Id, options.Value.DueSoonDays, ct);
        Coverage = coverage.Summary();
        var listed = coverage.People(Chosen.States, Site, Department);
        ListCount = listed.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        People = [.. listed.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return true;
    }
}
