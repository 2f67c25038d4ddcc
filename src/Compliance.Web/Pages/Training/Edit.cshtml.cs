using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Training;

/// <summary>Adds a course (with its first content version) or changes one's settings. HR managers only.</summary>
public sealed class EditModel(ComplianceDbContext db, CourseWork work) : PageModel
{
    [FromRoute] public Guid? Id { get; set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? CourseTitle { get; set; }
    [BindProperty] public string? Provider { get; set; }
    [BindProperty] public string? WhereToTake { get; set; }
    [BindProperty] public CourseAudience? Audience { get; set; }
    [BindProperty] public Guid[]? AudienceIds { get; set; }
    [BindProperty] public string? RefreshMonths { get; set; }
    [BindProperty] public string? JoinerDays { get; set; }
    [BindProperty] public bool RequiresPass { get; set; }
    [BindProperty] public string? ActivityId { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public TrainingTopics[]? Topics { get; set; }

    public bool IsNew => Id is null;
    public List<Site> Sites { get; private set; } = [];
    public List<Department> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var c = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
            if (c is null) return NotFound();
            (Code, CourseTitle, Provider, WhereToTake, Audience, AudienceIds, RefreshMonths, JoinerDays, RequiresPass, ActivityId) =
                (c.Code, c.Title, c.Provider, c.WhereToTake, c.Audience, c.AudienceIds, c.RefreshMonths.ToString(), c.JoinerDays.ToString(), c.RequiresPass, c.ActivityId);
        }
        else
        {
            var d = work.Defaults();
            (Audience, RefreshMonths, JoinerDays) = (d.Audience, d.RefreshMonths, d.JoinerDays);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        var input = new CourseInput(Code, CourseTitle, Provider, WhereToTake, Audience, AudienceIds ?? [], RefreshMonths, JoinerDays, RequiresPass, ActivityId);
        Guid? saved;
        List<FieldError> errors;
        if (Id is { } id)
        {
            if (!await db.Courses.AnyAsync(c => c.Id == id, ct)) return NotFound();
            errors = await work.UpdateAsync(id, input, ct);
            saved = id;
        }
        else
        {
            var topics = (Topics ?? []).Aggregate(TrainingTopics.None, (all, t) => all | t);
            (saved, errors) = await work.CreateAsync(input, new CourseVersionInput(EffectiveFrom, Summary, topics), CurrentUser.DisplayName(User), ct);
        }
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors.Select(e => e.Field == "Title" ? e with { Field = "CourseTitle" } : e).ToList(), "");
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = IsNew ? "Course added. Record or import who has completed it." : "Course saved.";
        return Redirect($"/training/courses/{saved}");
    }

    private async Task LoadAsync()
    {
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(HttpContext.RequestAborted);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(HttpContext.RequestAborted);
    }
}
