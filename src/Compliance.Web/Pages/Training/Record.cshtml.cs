using Compliance.Core.Data;
using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Training;

/// <summary>Records completions by hand: one person, or a session with its attendance list. HR managers only.</summary>
public sealed class RecordModel(ComplianceDbContext db, RecordCompletions record) : PageModel
{
    public const int MaxPeople = 1000;

    [BindProperty(SupportsGet = true)] public string? Course { get; set; }
    [BindProperty] public string? CompletedOn { get; set; }
    [BindProperty] public string? Passed { get; set; }
    [BindProperty] public string? Score { get; set; }
    [BindProperty] public string? Session { get; set; }
    [BindProperty] public string? People { get; set; }

    public List<(string Code, string Title)> Courses { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var lines = (People ?? "").Split('\n').Select((text, i) => (Text: text.Trim(), Line: i + 1)).Where(l => l.Text.Length > 0).ToList();
        if (lines.Count == 0) ModelState.AddModelError(nameof(People), "List at least one person: an employee number or a work email on each line.");
        if (lines.Count > MaxPeople) ModelState.AddModelError(nameof(People), $"List at most {MaxPeople:N0} people at a time; import a file for more.");
        if (string.IsNullOrWhiteSpace(Course)) ModelState.AddModelError(nameof(Course), "Choose the course.");
        var session = (Session ?? "").Trim();
        if (session.Length > TrainingCompletion.MaxSourceDetailLength) ModelState.AddModelError(nameof(Session), $"Keep the session's name to {TrainingCompletion.MaxSourceDetailLength} characters.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var rows = lines.Select((l, i) => new CompletionInput(i + 1, l.Line, l.Text.Contains('@') ? null : l.Text, l.Text.Contains('@') ? l.Text : null,
            Course, CompletedOn, Score, Passed)).ToList();
        var source = lines.Count > 1 || session.Length > 0 ? CompletionSource.Session : CompletionSource.Recorded;
        var result = await record.RecordAsync(rows, source, session.Length > 0 ? session : null, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (!result.Recorded)
        {
            // The same date, course or result is wrong on every row: say it once, against its own field.
            foreach (var group in result.Analysis.Errors.GroupBy(e => e.Column))
            {
                var field = group.Key switch { "course" => nameof(Course), "completed_on" => nameof(CompletedOn), "passed" => nameof(Passed), "score" => nameof(Score), _ => nameof(People) };
                if (field == nameof(People))
                {
                    foreach (var e in group) ModelState.AddModelError(field, $"Line {e.Line}: {e.Message}");
                }
                else
                {
                    foreach (var message in group.Select(e => e.Message).Distinct()) ModelState.AddModelError(field, message);
                }
            }
            if (result.Analysis.ErrorCount == 0) ModelState.AddModelError(nameof(People), "Nothing to record.");
            await LoadAsync();
            return Page();
        }
        var a = result.Analysis;
        TempData["Notice"] = $"Recorded: {a.ToCreate:N0} added, {a.ToUpdate:N0} updated, {a.ToSkip:N0} already recorded.";
        var id = await db.Courses.Where(c => c.Code == Course!.Trim().ToUpper() || c.Title == Course!.Trim()).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return Redirect(id is null ? "/training" : $"/training/courses/{id}");
    }

    private async Task LoadAsync() =>
        Courses = (await db.Courses.AsNoTracking().OrderBy(c => c.Title).Select(c => new { c.Code, c.Title }).ToListAsync(HttpContext.RequestAborted))
            .Select(c => (c.Code, c.Title)).ToList();
}
