using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Position.Actions;

/// <summary>
/// The action plan: the plan's own actions (added by hand, from case closures and from sign-offs) and every
/// risk-assessment action beside them, read where they live rather than copied.
/// </summary>
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, bool IsRiskAction, ReasonableStep Step, string Description, string Owner, DateOnly DueDate, ActionStatus Status, DateOnly? CompletedOn, string Source)
    {
        public string Link => IsRiskAction ? $"/risk/actions/{Id}" : $"/position/actions/{Id}";
    }

    [BindProperty(SupportsGet = true)] public string? Show { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public int? Step { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public DateOnly Today { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var today = Today;
        var query = All(db);
        if (Step is { } s) query = query.Where(a => a.Step == (ReasonableStep)s);
        query = Show switch
        {
            "overdue" => query.Where(a => a.Status != ActionStatus.Done && a.DueDate < today),
            "done" => query.Where(a => a.Status == ActionStatus.Done),
            "all" => query,
            _ => query.Where(a => a.Status != ActionStatus.Done),
        };
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = [.. page.Select(a => new Row(a.Id, a.IsRiskAction, a.Step, a.Description, a.Owner, a.DueDate, a.Status, a.CompletedOn,
            a.IsRiskAction ? $"Risk assessment: {a.Assessment}" : a.Source.Label()))];
    }

    /// <summary>One shape for both kinds of action, so the list can be filtered, ordered and paged in the database.</summary>
    public sealed class Item
    {
        public Guid Id { get; init; }
        public bool IsRiskAction { get; init; }
        public ReasonableStep Step { get; init; }
        public string Description { get; init; } = "";
        public string Owner { get; init; } = "";
        public DateOnly DueDate { get; init; }
        public ActionStatus Status { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public PlanSource Source { get; init; }
        public string? Assessment { get; init; }
    }

    public static IQueryable<Item> All(ComplianceDbContext db) =>
        db.PlanActions.AsNoTracking().Select(a => new Item
        {
            Id = a.Id,
            IsRiskAction = false,
            Step = a.Step,
            Description = a.Description,
            Owner = a.Owner,
            DueDate = a.DueDate,
            Status = a.Status,
            CompletedOn = a.CompletedOn,
            Source = a.Source,
            Assessment = null,
        })
        .Concat(db.RiskActions.AsNoTracking().Select(a => new Item
        {
            Id = a.Id,
            IsRiskAction = true,
            Step = ReasonableStep.RiskAssessment,
            Description = a.Description,
            Owner = a.Owner,
            DueDate = a.DueDate,
            Status = a.Status,
            CompletedOn = a.CompletedOn,
            Source = PlanSource.Manual,
            Assessment = db.RiskAssessments.Where(x => x.Id == a.AssessmentId).Select(x => x.Title).FirstOrDefault(),
        }));

    public string PageLink(int page) => Url.Page("/Position/Actions/Index", new { show = Show, step = Step, p = page })!;
}
