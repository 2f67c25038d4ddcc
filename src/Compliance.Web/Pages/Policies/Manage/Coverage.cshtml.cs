using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Exports;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Compliance.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Policies.Manage;

/// <summary>Acknowledgement of the version in force: totals, by site, department and audience, and who has not acknowledged.</summary>
public sealed class CoverageModel(ComplianceDbContext db, AuditTrail audit, BackgroundJobs jobs, TimeProvider clock, PolicyLetters letters) : PageModel
{
    public const int PageSize = 50;

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "site")] public Guid? Site { get; set; }
    [FromQuery(Name = "department")] public Guid? Department { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Policy Policy { get; private set; } = null!;
    public PolicyVersion? Version { get; private set; }
    public PolicyCoverage.Totals Totals { get; private set; } = new(0, 0, 0, 0);
    public List<PolicyCoverage.Group> Sites { get; private set; } = [];
    public List<PolicyCoverage.Group> Departments { get; private set; } = [];
    public List<PolicyCoverage.Group> Audiences { get; private set; } = [];
    public List<PolicyCoverage.Person> People { get; private set; } = [];
    public int OutstandingCount { get; private set; }
    public int PageCount => Pager.CountFor(OutstandingCount, PageSize);

    public string PageLink(int page) => $"/policies/manage/{Id}/coverage?{(Site is { } s ? $"site={s}&" : "")}{(Department is { } d ? $"department={d}&" : "")}page={page}";

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadPolicyAsync()) return NotFound();
        if (Version is null) return Page();
        var today = UkTime.Today(clock);
        var summary = await PolicyCoverage.SummaryAsync(db, Id, Version, today, ct);
        (Totals, Sites, Departments, Audiences) = (summary.Totals, summary.Sites, summary.Departments, summary.Audiences);
        // How many have not acknowledged comes from the same counts: everyone, or the chosen site's or department's.
        var group = Site is { } s ? Sites.FirstOrDefault(g => g.Id == s) : Department is { } d ? Departments.FirstOrDefault(g => g.Id == d) : null;
        OutstandingCount = Site is null && Department is null ? Totals.Outstanding : group is null ? 0 : group.InScope - group.Acknowledged;
        var outstanding = PolicyCoverage.Outstanding(db, Id, Version, today, Site, Department);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        People = await outstanding.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>Everyone who has not acknowledged, as CSV (cells that a spreadsheet would run as a formula are made safe).</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadPolicyAsync() || Version is null) return NotFound();
        var people = await PolicyCoverage.Outstanding(db, Id, Version, UkTime.Today(clock), Site, Department).ToListAsync(ct);
        var csv = SafeCsv.Write(["Employee number", "Name", "Site", "Department", "Work email", "Asked on", "Last sent", "Times sent"],
            people.Select(p => (IReadOnlyList<string?>)[p.EmployeeNumber, p.Name, p.Site, p.Department, p.WorkEmail, p.AskedOn?.ToString("yyyy-MM-dd"), p.LastSentOn?.ToString("yyyy-MM-dd"), p.TimesSent.ToString()]));
        await audit.SaveAsync(db, AuditEvent.For("policy.outstanding-exported", "Policy", Id, $"List of {people.Count:N0} people who have not acknowledged \"{Policy.Title}\" downloaded"), ct);
        return File(csv, "text/csv", $"{Policy.Slug}-not-acknowledged.csv");
    }

    /// <summary>A PDF of letters, each with a new code, for the people without an email address who have not acknowledged.</summary>
    public async Task<IActionResult> OnPostLettersAsync()
    {
        if (!User.IsInRole(Roles.HRManager)) return Forbid();
        var ct = HttpContext.RequestAborted;
        var (policy, version, made) = await letters.MakeAsync(Id, ct);
        if (policy is null) return NotFound();
        if (version is null || made.Count == 0)
        {
            TempData["Notice"] = "Everyone without an email address has acknowledged, so there are no letters to print.";
            return Redirect($"/policies/manage/{Id}/coverage");
        }
        var organisation = await db.Organisations.NameAsync(ct) ?? "";
        return File(letters.Render(organisation, policy, version, made), "application/pdf", $"{policy.Slug}-letters.pdf");
    }

    /// <summary>Sends a new link to everyone who has not acknowledged, in the background; no one is sent two on the same day.</summary>
    public async Task<IActionResult> OnPostChaseAsync()
    {
        if (!User.IsInRole(Roles.HRManager)) return Forbid();
        var ct = HttpContext.RequestAborted;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var policy = await db.Policies.Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == Id, ct);
        if (policy is null) return NotFound();
        try
        {
            policy.RequestChase(clock.GetUtcNow().UtcDateTime);
        }
        catch (PolicyRuleException ex)
        {
            TempData["Notice"] = ex.Message;
            return Redirect($"/policies/manage/{Id}/coverage");
        }
        await audit.SaveAsync(db, AuditEvent.For("policy.chase-requested", "Policy", Id, $"Everyone who has not acknowledged \"{policy.Title}\" to be sent a new link"), ct);
        await tx.CommitAsync(ct);
        jobs.Start(JobNames.PolicySend, asked: true);
        TempData["Notice"] = "Everyone who has not acknowledged is being sent a new link (not anyone already sent one today).";
        return Redirect($"/policies/manage/{Id}/coverage");
    }

    private async Task<bool> LoadPolicyAsync()
    {
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == Id, HttpContext.RequestAborted);
        if (policy is null) return false;
        Policy = policy;
        Version = policy.InForce;
        return true;
    }
}
