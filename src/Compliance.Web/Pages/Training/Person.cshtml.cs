using Compliance.Core.Data;
using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Training;

/// <summary>One person's training record, for HR managers and directors (the directory itself is for administrators).</summary>
public sealed class PersonModel(ComplianceDbContext db, TimeProvider clock, IOptions<TrainingOptions> options) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public string Name { get; private set; } = "";
    public string Number { get; private set; } = "";
    public DateOnly? LeavingDate { get; private set; }
    public List<TrainingRecord.Line> Record { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var person = await db.Employees.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id, ct);
        if (person is null) return NotFound();
        (Name, Number, LeavingDate) = (person.FullName, person.EmployeeNumber, person.LeavingDate);
        Record = await TrainingRecord.ForAsync(db, Id, UkTime.Today(clock), options.Value.DueSoonDays, ct);
        return Page();
    }
}
