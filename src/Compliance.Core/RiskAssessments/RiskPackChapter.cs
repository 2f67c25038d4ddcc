using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Organisation;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Compliance.Core.EvidencePacks.PackReads;

namespace Compliance.Core.RiskAssessments;

/// <summary>The evidence pack's chapter for step 3: each site's current assessments, the gaps between them, and the assessments' actions.</summary>
public sealed class RiskPackChapter(ComplianceDbContext db, IOptions<RiskAssessmentOptions> risk) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.RiskAssessment;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 3: Risk assessment");
        var months = risk.Value.ReviewIntervalMonths;
        var sites = await db.Sites.AsNoTracking().Where(s => s.Nation != Nation.NorthernIreland).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var approvals = await db.AssessmentRevisions.AsNoTracking().Where(r => r.Status == RevisionStatus.Approved && r.ApprovedAtUtc < EndOf(pack.To))
            .Join(db.RiskAssessments.Where(a => a.Scope == AssessmentScope.Site && a.SiteId != null), r => r.AssessmentId, a => a.Id,
                (r, a) => new { SiteId = a.SiteId!.Value, a.Title, r.Id, r.Number, At = r.ApprovedAtUtc!.Value, r.ApprovedByName, r.ApprovedContentHash })
            .ToListAsync(ct);
        c.Text($"Each site under the duty, and the site assessments approved by the end of the period that were current during it (an assessment is current for {months} months from its approval).");
        var cited = approvals.Where(a => Day(a.At).AddMonths(months) >= pack.From).OrderBy(a => a.At).ToList();
        var names = sites.ToDictionary(s => s.Id, s => s.Name);
        c.Table(["Site", "Assessment", "Revision", "Approved"], [1.6, 2, 0.9, 2], cited.Where(a => names.ContainsKey(a.SiteId)).Select(a => (IReadOnlyList<string>)[
            names[a.SiteId], a.Title, a.Number.ToString(), $"{UkDates.Long(Day(a.At))} by {a.ApprovedByName}"]));
        c.Hashes(cited.Select(a => ($"{a.Title}, revision {a.Number}: the approved content", a.ApprovedContentHash)));
        foreach (var a in cited) pack.Artefacts.Add(new("3", "Approved assessment", $"{a.Title}, revision {a.Number} ({a.Id})", Day(a.At), a.ApprovedContentHash));
        foreach (var site in sites)
        {
            var spans = approvals.Where(a => a.SiteId == site.Id).Select(a => (Day(a.At), Day(a.At).AddMonths(months)));
            foreach (var gap in PackSpans.Uncovered(pack.From, pack.To, spans)) c.Gap($"{site.Name} had no current risk assessment {PackSpans.Describe(gap)}.");
        }

        var actions = await db.RiskActions.AsNoTracking().Where(a => a.CreatedAtUtc < EndOf(pack.To) && (a.CompletedOn == null || a.CompletedOn >= pack.From))
            .Select(a => new { a.DueDate, a.CompletedOn, a.CreatedAtUtc }).ToListAsync(ct);
        var done = actions.Where(a => a.CompletedOn is { } d && d <= pack.To).ToList();
        var overdue = actions.Count(a => !(a.CompletedOn is { } d && d <= pack.To) && a.DueDate < pack.To);
        c.Subheading("Actions from the assessments");
        c.Table(["Open at some time in the period", "Completed in it", "Completed after their due date", "Open and overdue at the end"], [1, 1, 1, 1],
            [[actions.Count.ToString("N0"), done.Count.ToString("N0"), done.Count(a => a.CompletedOn > a.DueDate).ToString("N0"), overdue.ToString("N0")]]);
        if (overdue > 0) c.Gap($"{overdue:N0} action(s) from risk assessments were open and overdue on {UkDates.Long(pack.To)}.");

        // Incidents that flagged an assessment, and whether it was reviewed in time, are counted in step 7 by whole
        // quarters: listed here by day and site, they would point to the people they happened to.
        c.Text("Third-party incidents that flagged an assessment for review, and whether it was reviewed in time, are counted in step 7.");
        return c;
    }
}
