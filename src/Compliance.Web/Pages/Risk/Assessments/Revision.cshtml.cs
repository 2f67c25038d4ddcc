using System.Text;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Assessments;

/// <summary>An approved revision, shown from the content kept at approval, not from the live tables; and as JSON and PDF.</summary>
public sealed class RevisionModel(ComplianceDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public int Number { get; set; }

    public string AssessmentTitle { get; private set; } = "";
    public AssessmentRevision Revision { get; private set; } = null!;
    public List<ApprovedFactor> Factors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Factors = ApprovedRevision.Factors(Revision.ApprovedContent!, await TitlesAsync());
        return Page();
    }

    /// <summary>The exact bytes whose SHA-256 was recorded at approval, so anyone can check the hash.</summary>
    public async Task<IActionResult> OnGetContentAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return File(Encoding.UTF8.GetBytes(Revision.ApprovedContent!), "application/json", ApprovedRevision.FileName(Id, Number, "json"));
    }

    /// <summary>The revision to print or file: every factor, the hash, and the approved content attached inside.</summary>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var ct = HttpContext.RequestAborted;
        var assessment = await db.RiskAssessments.AsNoTracking().SingleAsync(a => a.Id == Id, ct);
        var where = assessment.Scope switch
        {
            AssessmentScope.Site => await db.Sites.Where(s => s.Id == assessment.SiteId).Select(s => s.Name).SingleOrDefaultAsync(ct),
            AssessmentScope.Department => await db.Departments.Where(d => d.Id == assessment.DepartmentId).Select(d => d.Name).SingleOrDefaultAsync(ct),
            _ => assessment.ScopeDescription,
        };
        var organisation = await db.Organisations.NameAsync(ct) ?? "";
        var pdf = ApprovedRevision.Pdf(organisation, AssessmentTitle, where, Id, Revision, await TitlesAsync());
        return File(pdf, "application/pdf", ApprovedRevision.FileName(Id, Number, "pdf"));
    }

    private Task<Dictionary<string, string>> TitlesAsync() =>
        db.RiskFactors.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Title, HttpContext.RequestAborted);

    private async Task<bool> LoadAsync()
    {
        var revision = await db.AssessmentRevisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AssessmentId == Id && r.Number == Number && r.Status == RevisionStatus.Approved, HttpContext.RequestAborted);
        if (revision is null) return false;
        Revision = revision;
        AssessmentTitle = await db.RiskAssessments.Where(a => a.Id == Id).Select(a => a.Title).SingleAsync(HttpContext.RequestAborted);
        return true;
    }
}
