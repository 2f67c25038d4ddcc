using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Team;

/// <summary>A line manager's own people: only the sites and departments an administrator has given them.</summary>
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Compliance.Core.Training.TrainingOptions> training) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Number, string Name, string Site, string? Department, string? JobTitle);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>The policy whose outstanding readers are listed, and that list's page.</summary>
    [BindProperty(SupportsGet = true, Name = "policy")] public Guid? PolicyId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pp")] public int PolicyPageNumber { get; set; } = 1;

    /// <summary>Each policy in force, with how many of the team it is for have not confirmed reading it.</summary>
    public sealed record PolicyRow(Guid Id, string Title, int InScope, int Outstanding);

    public List<PolicyRow> Policies { get; private set; } = [];
    public PolicyRow? ChosenPolicy { get; private set; }
    public List<PolicyCoverage.Person> NotRead { get; private set; } = [];
    public int PolicyPageCount => ChosenPolicy is null ? 1 : Pager.CountFor(ChosenPolicy.Outstanding, PageSize);

    /// <summary>Each course, with where the team it is for stands; and the people not in date on a chosen course.</summary>
    public sealed record CourseRow(Guid Id, string Title, Compliance.Core.Training.TrainingCoverage.Counts Counts);

    [BindProperty(SupportsGet = true, Name = "course")] public Guid? CourseId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tp")] public int CoursePageNumber { get; set; } = 1;
    public List<CourseRow> Courses { get; private set; } = [];
    public CourseRow? ChosenCourse { get; private set; }
    public List<Compliance.Core.Training.TrainingCoverage.Person> NotInDate { get; private set; } = [];
    public int NotInDateCount => ChosenCourse is null ? 0 : ChosenCourse.Counts.InScope - ChosenCourse.Counts.Current;
    public int CoursePageCount => Pager.CountFor(NotInDateCount, PageSize);

    public List<Row> People { get; private set; } = [];
    public List<string> ScopeNames { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var me = CurrentUser.Id(User);
        var today = UkTime.Today(clock);
        ScopeNames = await db.ManagerScopes.AsNoTracking().Where(s => s.UserId == me)
            .Select(s => s.SiteId != null
                ? db.Sites.Where(x => x.Id == s.SiteId).Select(x => x.Name).First()
                : db.Departments.Where(x => x.Id == s.DepartmentId).Select(x => x.Name).First() + " (department)")
            .OrderBy(n => n).ToListAsync(ct);
        var query = db.EmployeesVisibleTo(me).AsNoTracking().Where(e => e.LeavingDate == null || e.LeavingDate > today);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        People = await query.OrderBy(e => e.LastName).ThenBy(e => e.FirstName).ThenBy(e => e.EmployeeNumber)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.EmployeeNumber, e.FirstName + " " + e.LastName,
                db.Sites.Where(s => s.Id == e.SiteId).Select(s => s.Name).First(),
                db.Departments.Where(d => d.Id == e.DepartmentId).Select(d => d.Name).FirstOrDefault(), e.JobTitle))
            .ToListAsync(ct);
        await LoadPoliciesAsync(me, today, ct);
        await LoadTrainingAsync(me, today, ct);
    }

    private static readonly Compliance.Core.Training.TrainingState[] NotCurrent =
        [Compliance.Core.Training.TrainingState.DueSoon, Compliance.Core.Training.TrainingState.JoinerDue, Compliance.Core.Training.TrainingState.Stale, Compliance.Core.Training.TrainingState.Never];

    private async Task LoadTrainingAsync(Guid me, DateOnly today, CancellationToken ct)
    {
        var team = db.EmployeesVisibleTo(me);
        var days = training.Value.DueSoonDays;
        var courses = await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(ct);
        foreach (var course in courses)
        {
            var counts = await Compliance.Core.Training.TrainingCoverage.TotalsAsync(db, course, today, days, ct, team);
            if (counts.InScope > 0) Courses.Add(new CourseRow(course.Id, course.Title, counts));
        }
        ChosenCourse = Courses.FirstOrDefault(c => c.Id == CourseId);
        if (ChosenCourse is null) return;
        CoursePageNumber = Math.Clamp(CoursePageNumber, 1, CoursePageCount);
        var coverage = await Compliance.Core.Training.TrainingCoverage.OnAsync(db, courses.Single(c => c.Id == ChosenCourse.Id), today, days, ct, team);
        NotInDate = [.. coverage.People(NotCurrent).Skip((CoursePageNumber - 1) * PageSize).Take(PageSize)];
    }

    public string CoursePageLink(int page) => Url.Page("/Team/Index", null, new { course = CourseId, tp = page }, null, null, "training-list")!;

    private async Task LoadPoliciesAsync(Guid me, DateOnly today, CancellationToken ct)
    {
        var team = db.EmployeesVisibleTo(me);
        var inForce = await db.Policies.AsNoTracking().Include(p => p.Versions)
            .WithVersionInForce().OrderBy(p => p.Kind).ThenBy(p => p.Title).ToListAsync(ct);
        foreach (var policy in inForce)
        {
            var version = policy.InForce!;
            var inScope = await PolicyDistribution.InScope(db, version, today).CountAsync(e => team.Any(x => x.Id == e.Id), ct);
            if (inScope == 0) continue;
            var outstanding = await PolicyCoverage.Outstanding(db, policy.Id, version, today, null, null, team).CountAsync(ct);
            Policies.Add(new PolicyRow(policy.Id, policy.Title, inScope, outstanding));
        }
        ChosenPolicy = Policies.FirstOrDefault(p => p.Id == PolicyId);
        if (ChosenPolicy is null) return;
        PolicyPageNumber = Math.Clamp(PolicyPageNumber, 1, PolicyPageCount);
        var chosen = inForce.Single(p => p.Id == ChosenPolicy.Id);
        NotRead = await PolicyCoverage.Outstanding(db, chosen.Id, chosen.InForce!, today, null, null, team)
            .Skip((PolicyPageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public string PageLink(int page) => Url.Page("/Team/Index", new { p = page })!;

    public string PolicyPageLink(int page) => Url.Page("/Team/Index", null, new { policy = PolicyId, pp = page }, null, null, "not-read")!;
}
