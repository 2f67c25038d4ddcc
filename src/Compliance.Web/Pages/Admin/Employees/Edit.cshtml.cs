using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Employees;

public sealed class EditModel(ComplianceDbContext db, SaveEmployee save, MarkEmployeeAsLeaver markLeaver, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Compliance.Core.Training.TrainingOptions> training) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public EmployeeForm Input { get; set; } = new();

    [BindProperty]
    public string? LeavingDate { get; set; }

    public List<string> SiteNames { get; private set; } = [];
    public List<string> DepartmentNames { get; private set; } = [];
    public string? Name { get; private set; }

    /// <summary>Their training, course by course, with every completion.</summary>
    public List<Compliance.Core.Training.TrainingRecord.Line> Training { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var e = await db.Employees.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, HttpContext.RequestAborted);
            if (e is null)
            {
                return NotFound();
            }
            Input = new EmployeeForm
            {
                EmployeeNumber = e.EmployeeNumber,
                FirstName = e.FirstName,
                LastName = e.LastName,
                WorkEmail = e.WorkEmail,
                Site = await db.Sites.Where(s => s.Id == e.SiteId).Select(s => s.Name).FirstAsync(),
                Department = await db.Departments.Where(d => d.Id == e.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(),
                JobTitle = e.JobTitle,
                StartDate = e.StartDate?.ToString("dd/MM/yyyy"),
                LeavingDate = e.LeavingDate?.ToString("dd/MM/yyyy"),
                Manager = e.IsManager,
                CustomerFacing = e.IsCustomerFacing,
                LoneWorking = e.IsLoneWorker,
                NightWorking = e.IsNightWorker,
                AgencyOrContractor = e.IsAgencyOrContractor,
            };
            Training = await Compliance.Core.Training.TrainingRecord.ForAsync(db, id, UkTime.Today(clock), training.Value.DueSoonDays, HttpContext.RequestAborted);
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (savedId, errors) = await save.HandleAsync(Id, Input.ToFields(), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, fieldName: FormErrors.SnakeToPascal);
            await LoadChoicesAsync();
            return Page();
        }
        TempData["Notice"] = $"{Input.FirstName?.Trim()} {Input.LastName?.Trim()} saved.";
        return RedirectToPage("/Admin/Employees/Index");
    }

    public async Task<IActionResult> OnPostLeaverAsync()
    {
        ModelState.Clear();
        if (Id is not { } id)
        {
            return NotFound();
        }
        var errors = await markLeaver.HandleAsync(id, LeavingDate, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            await OnGetAsync();
            return Page();
        }
        TempData["Notice"] = "Leaving date recorded.";
        return RedirectToPage("/Admin/Employees/Index");
    }

    private async Task LoadChoicesAsync()
    {
        SiteNames = await db.Sites.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(HttpContext.RequestAborted);
        DepartmentNames = await db.Departments.OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(HttpContext.RequestAborted);
        Name = Id is null ? null : $"{Input.FirstName} {Input.LastName}";
    }

    public sealed class EmployeeForm
    {
        public string? EmployeeNumber { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? WorkEmail { get; set; }
        public string? Site { get; set; }
        public string? Department { get; set; }
        public string? JobTitle { get; set; }
        public string? StartDate { get; set; }
        public string? LeavingDate { get; set; }
        public bool Manager { get; set; }
        public bool CustomerFacing { get; set; }
        public bool LoneWorking { get; set; }
        public bool NightWorking { get; set; }
        public bool AgencyOrContractor { get; set; }

        public EmployeeFields ToFields() => new()
        {
            EmployeeNumber = EmployeeNumber,
            FirstName = FirstName,
            LastName = LastName,
            WorkEmail = WorkEmail,
            Site = Site,
            Department = Department,
            JobTitle = JobTitle,
            StartDate = StartDate,
            LeavingDate = LeavingDate,
            Manager = Manager ? "yes" : "no",
            CustomerFacing = CustomerFacing ? "yes" : "no",
            LoneWorking = LoneWorking ? "yes" : "no",
            NightWorking = NightWorking ? "yes" : "no",
            AgencyOrContractor = AgencyOrContractor ? "yes" : "no",
        };
    }
}
