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
        c.Table(["Actions", "Number"], [3, 1],
        [
            ["Open at some time in the period", actions.Count.ToString("N0")],
            ["Completed in the period", done.Count.ToString("N0")],
            ["Completed after their due date", done.Count(a => a.CompletedOn > a.DueDate).ToString("N0")],
            [$"Open and overdue on {UkDates.Long(pack.To)}", overdue.ToString("N0")],
        ]);
        if (overdue > 0) c.Gap($"{overdue:N0} action(s) from risk assessments were open and overdue on {UkDates.Long(pack.To)}.");

        // Incidents that flagged an assessment, and whether it was reviewed in time, are counted in step 7 by whole
        // quarters: listed here by day and site, they would point to the people they happened to.
        c.Text("Third-party incidents that flagged an assessment for review, and whether it was reviewed in time, are counted in step 7.");
        // Assessments of a department, a role or an event (a party, a conference): not scored, but evidence of the steps taken.
        var others = await db.AssessmentRevisions.AsNoTracking().Where(r => r.Status == RevisionStatus.Approved && r.ApprovedAtUtc < EndOf(pack.To))
            .Join(db.RiskAssessments.Where(a => a.Scope != AssessmentScope.Site), r => r.AssessmentId, a => a.Id,
                (r, a) => new { a.Scope, a.DepartmentId, a.ScopeDescription, a.Title, r.Id, r.Number, At = r.ApprovedAtUtc!.Value, r.ApprovedByName, r.ApprovedContentHash })
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        string Scoped(AssessmentScope scope, Guid? department, string? described) =>
            $"{scope.Label()}: {(department is { } d ? departments.GetValueOrDefault(d, "a department") : described ?? "not described")}";
        var otherCited = others.Where(a => Day(a.At).AddMonths(months) >= pack.From).OrderBy(a => a.At).ToList();
        c.Subheading("Assessments of departments, roles and events");
        if (otherCited.Count == 0) c.Text("No assessment of a department, a role or an event was current in the period.");
        else
        {
            c.Table(["Of", "Assessment", "Revision", "Approved"], [1.6, 2, 0.9, 2], otherCited.Select(a => (IReadOnlyList<string>)[
                Scoped(a.Scope, a.DepartmentId, a.ScopeDescription), a.Title, a.Number.ToString(), $"{UkDates.Long(Day(a.At))} by {a.ApprovedByName}"]));
            c.Hashes(otherCited.Select(a => ($"{a.Title}, revision {a.Number}: the approved content", a.ApprovedContentHash)));
            foreach (var a in otherCited) pack.Artefacts.Add(new("3", "Approved assessment", $"{a.Title}, revision {a.Number} ({a.Id})", Day(a.At), a.ApprovedContentHash));
        }
        await AssessmentsInFullAsync(pack, c, [.. cited.Where(a => names.ContainsKey(a.SiteId)).Select(a => (a.Id, names[a.SiteId], (Guid?)a.SiteId)),
            .. otherCited.Select(a => (a.Id, Scoped(a.Scope, a.DepartmentId, a.ScopeDescription), (Guid?)null))], ct);
        return c;
    }

    /// <summary>
    /// Annex F: each assessment current in the period (of a site, a department, a role or an event) as it was approved
    /// (every factor with its rating, or the reason it was judged not relevant, who is at risk and the controls), and its
    /// actions with owner, due and done dates: what the hashes in chapter 3 vouch for, for a reader to read. Where the
    /// directory contradicts a site's answer (night workers there, night work judged not relevant), it says so.
    /// </summary>
    private async Task AssessmentsInFullAsync(PackContent pack, PackSection chapter, List<(Guid Revision, string Site, Guid? SiteId)> cited, CancellationToken ct)
    {
        var annex = new PackSection("Annex F: The risk assessments current in the period, in full");
        var ids = cited.Select(c => c.Revision).ToList();
        var revisions = await db.AssessmentRevisions.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Join(db.RiskAssessments, r => r.AssessmentId, a => a.Id, (r, a) => new { r.Id, r.AssessmentId, a.Title, r.Number, r.ApprovedAtUtc, r.ApprovedByName, r.ApprovedContent, r.ApprovedContentHash })
            .ToListAsync(ct);
        var titles = await db.RiskFactors.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Title, ct);
        var assessments = revisions.Select(r => r.AssessmentId).Distinct().ToList();
        var actions = await db.RiskActions.AsNoTracking().Where(a => assessments.Contains(a.AssessmentId) && a.CreatedAtUtc < EndOf(pack.To) && (a.CompletedOn == null || a.CompletedOn >= pack.From))
            .OrderBy(a => a.DueDate).Select(a => new { a.AssessmentId, a.Description, a.Owner, a.DueDate, a.CompletedOn, a.CompletionNote }).ToListAsync(ct);
        var signals = await db.RiskFactors.AsNoTracking().Where(f => f.Signal != DirectorySignal.None).ToDictionaryAsync(f => f.Code, f => f.Signal, ct);
        // Review flags raised in the period: each incident logged against an assessment flags it, until it is approved again.
        var flags = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.RiskAssessmentId != null && assessments.Contains(i.RiskAssessmentId.Value)
                && i.LoggedAtUtc >= UkCalendar.StartOfDayUtc(pack.From) && i.LoggedAtUtc < EndOf(pack.To))
            .OrderBy(i => i.LoggedAtUtc).Select(i => new { AssessmentId = i.RiskAssessmentId!.Value, i.LoggedAtUtc, i.OccurredOn, i.PartyType, i.LoggedByName }).ToListAsync(ct);
        var approvedOn = await db.AssessmentRevisions.AsNoTracking().Where(r => assessments.Contains(r.AssessmentId) && r.ApprovedAtUtc != null)
            .Select(r => new { r.AssessmentId, At = r.ApprovedAtUtc!.Value }).ToListAsync(ct);
        if (cited.Count == 0) annex.Text("No risk assessment was current in the period.");
        // Whether an assessment was flagged, and when, would date the incident that flagged it: step 7 counts them by whole quarters.
        if (!pack.Named) annex.Text("Review flags raised by third-party incidents, and when each assessment was approved again, are listed in the named edition: each would date an incident. Step 7 counts incidents by whole quarters.");
        foreach (var (id, site, siteId) in cited)
        {
            if (revisions.FirstOrDefault(r => r.Id == id) is not { ApprovedContent: { } content } r) continue;
            annex.Subheading($"{site}: {r.Title}, revision {r.Number}");
            annex.Text($"Approved on {UkDates.Long(Day(r.ApprovedAtUtc!.Value))} by {r.ApprovedByName}.");
            annex.Text("SHA-256 of the approved content: " + r.ApprovedContentHash, mono: true);
            var factors = ApprovedRevision.Factors(content, titles);
            foreach (var f in factors.Where(f => f.Applies).OrderByDescending(f => f.Score).ThenBy(f => f.Title, StringComparer.Ordinal))
            {
                annex.Text($"{f.Title}: residual risk {(f.Score is { } score ? $"{score} ({f.Band?.Label()}), likelihood {f.Likelihood}, severity {f.Severity}" : "not rated")}."
                    + (f.WhoIsAtRisk is { } who ? $" Who is at risk: {who}." : "") + (f.ControlsInPlace is { } controls ? $" Controls in place: {controls}" : ""));
            }
            // Only for the latest revision cited, and against the directory as it is when the pack is made: the
            // directory keeps who works where, not when a flag such as night work was set.
            var latest = revisions.Where(x => x.AssessmentId == r.AssessmentId).MaxBy(x => x.Number)!.Id == r.Id;
            var made = Day(pack.GeneratedAtUtc);
            var directory = latest && siteId is { } at ? await DirectorySignals.OnAsync(db, at, made, ct) : null;
            foreach (var f in factors.Where(f => !f.Applies).OrderBy(f => f.Title, StringComparer.Ordinal))
            {
                annex.Text($"{f.Title}: not relevant here. {f.NotRelevantReason ?? "No reason was recorded."}");
                if (signals.TryGetValue(f.Code, out var signal) && directory?.GetValueOrDefault(signal) is > 0 and var count)
                {
                    annex.Text($"The directory contradicts this answer: when this pack was made, on {UkDates.Long(made)}, it listed {DirectorySignals.People(signal, count)} at {site}.", bold: true);
                    chapter.Gap($"{site}: {f.Title.ToLowerInvariant()} was judged not relevant, but when this pack was made, on {UkDates.Long(made)}, the directory listed {DirectorySignals.People(signal, count)} there (Annex F).");
                }
            }
            // Once per assessment, under its latest revision cited here.
            var raised = latest ? flags.Where(f => f.AssessmentId == r.AssessmentId).ToList() : [];
            if (raised.Count > 0)
            {
                // Each flag dates the incident that raised it, so only the named edition lists them, as step 7 counts incidents by quarter.
                if (pack.Named) annex.Table(["Flagged for review on", "By", "Approved again on"], [1.4, 3, 1.4], raised.Select(f => (IReadOnlyList<string>)[
                    UkDates.Long(Day(f.LoggedAtUtc)), $"An incident involving a {ThirdParty.ThirdPartyLabels.Label(f.PartyType).ToLowerInvariant()} on {UkDates.Long(f.OccurredOn)}, logged by {f.LoggedByName}",
                    approvedOn.Where(x => x.AssessmentId == f.AssessmentId && x.At >= f.LoggedAtUtc && x.At < EndOf(pack.To)).OrderBy(x => x.At).Select(x => UkDates.Long(Day(x.At))).FirstOrDefault() ?? "Not by the end of the period"]));
            }
            var theirs = latest ? actions.Where(a => a.AssessmentId == r.AssessmentId).ToList() : [];
            if (theirs.Count > 0)
            {
                annex.Table(["Action", "Owner", "Due", "Done", "How it was closed"], [2.6, 1.2, 1.1, 1.1, 2.4], theirs.Select(a => (IReadOnlyList<string>)[
                    a.Description, a.Owner, UkDates.Long(a.DueDate), a.CompletedOn is { } d && d <= pack.To ? UkDates.Long(d) : "Open",
                    a.CompletionNote is null ? "" : pack.Named ? a.CompletionNote : "In the named edition"]));
            }
        }
        pack.Annexes.Add(annex);
    }
}
