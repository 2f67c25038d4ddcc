using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.ThirdParty;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Incidents;

/// <summary>The third-party incident log, filtered by site, kind of third party, action taken and date.</summary>
public sealed class IndexModel(ComplianceDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, DateOnly OccurredOn, string Site, ThirdPartyType PartyType, bool IsSexual, IncidentResponse Responses, string LoggedBy);

    [BindProperty(SupportsGet = true)] public Guid? Site { get; set; }
    [BindProperty(SupportsGet = true)] public ThirdPartyType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public IncidentResponse? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<(Guid Id, string Name)> SiteChoices { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);
    public bool CanLog => User.IsInRole(Roles.HRManager) || User.IsInRole(Roles.Manager);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        // A filter value that cannot be read (a mistyped address) is ignored rather than reported in the framework's words.
        ModelState.Clear();
        SiteChoices = await db.VisibleSites(User).ChoicesAsync(ct);
        var query = db.VisibleIncidents(User).AsNoTracking();
        if (Site is { } siteId) query = query.Where(i => i.SiteId == siteId);
        if (Type is { } type) query = query.Where(i => i.PartyType == type);
        if (Action is { } action and not IncidentResponse.None) query = query.Where(i => (i.Responses & action) == action);
        var from = Core.Employees.EmployeeValidator.ParseDate(From);
        var to = Core.Employees.EmployeeValidator.ParseDate(To);
        if (!string.IsNullOrWhiteSpace(From) && from is null) ModelState.AddModelError(nameof(From), "Enter the \"from\" date as a UK date, such as 31/03/2026 or 31 March 2026.");
        if (!string.IsNullOrWhiteSpace(To) && to is null) ModelState.AddModelError(nameof(To), "Enter the \"to\" date as a UK date, such as 31/03/2026 or 31 March 2026.");
        if (from is { } f) query = query.Where(i => i.OccurredOn >= f);
        if (to is { } t) query = query.Where(i => i.OccurredOn <= t);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.LoggedAtUtc).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new Row(i.Id, i.OccurredOn, db.Sites.Where(s => s.Id == i.SiteId).Select(s => s.Name).First(), i.PartyType, i.IsSexual, i.Responses, i.LoggedByName))
            .ToListAsync(ct);
    }

    public string PageLink(int page) => Url.Page("/Incidents/Index", new { site = Site, type = Type, action = Action, from = From, to = To, p = page })!;
}
