using System.Text;
using System.Text.Json;
using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Assessments;

/// <summary>An approved revision, shown from the content kept at approval, not from the live tables.</summary>
public sealed class RevisionModel(ComplianceDbContext db) : PageModel
{
    public sealed record FactorView(string Code, string Title, bool Applies, string? WhoIsAtRisk, int? Likelihood, int? Severity, int? Score, string? Band, string? ControlsInPlace, string? NotRelevantReason);

    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public int Number { get; set; }

    public string AssessmentTitle { get; private set; } = "";
    public AssessmentRevision Revision { get; private set; } = null!;
    public List<FactorView> Factors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        using var content = JsonDocument.Parse(Revision.ApprovedContent!);
        var titles = await db.RiskFactors.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Title, HttpContext.RequestAborted);
        Factors = content.RootElement.GetProperty("factors").EnumerateArray().Select(f =>
        {
            var code = f.GetProperty("code").GetString()!;
            return new FactorView(code, titles.GetValueOrDefault(code, code), f.GetProperty("applies").GetBoolean(), Text(f, "whoIsAtRisk"),
                IntValue(f, "likelihood"), IntValue(f, "severity"), IntValue(f, "score"), Text(f, "band"), Text(f, "controlsInPlace"), Text(f, "notRelevantReason"));
        }).ToList();
        return Page();
    }

    /// <summary>The exact bytes whose SHA-256 was recorded at approval, so anyone can check the hash.</summary>
    public async Task<IActionResult> OnGetContentAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return File(Encoding.UTF8.GetBytes(Revision.ApprovedContent!), "application/json", $"risk-assessment-{Id}-revision-{Number}.json");
    }

    private async Task<bool> LoadAsync()
    {
        var revision = await db.AssessmentRevisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AssessmentId == Id && r.Number == Number && r.Status == RevisionStatus.Approved, HttpContext.RequestAborted);
        if (revision is null) return false;
        Revision = revision;
        AssessmentTitle = await db.RiskAssessments.Where(a => a.Id == Id).Select(a => a.Title).SingleAsync(HttpContext.RequestAborted);
        return true;
    }

    /// <summary>A text value, or null when it is null or absent (revisions approved before a field existed lack it).</summary>
    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? IntValue(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt32();
}
