using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Core.ThirdParty;
using Microsoft.EntityFrameworkCore;
using static Compliance.Core.EvidencePacks.PackReads;

namespace Compliance.Core.Scoring;

/// <summary>The evidence pack's chapter for step 8: board reviews in the period, the action plan, and the audit extract about the evidence.</summary>
public sealed class MonitoringPackChapter(ComplianceDbContext db, StepEvidence evidence, PackReads reads) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.Monitoring;

    /// <summary>What the anonymised edition says in place of text typed freely, which could name or date a case.</summary>
    public const string FreeTextWithheld = "given in the named edition only (text typed freely could name or date a case).";

    /// <summary>The kinds of record whose audit entries the records ZIP carries.</summary>
    private static readonly string[] EvidenceEntities =
        ["Policy", "RiskAssessment", "RiskAction", "RiskFactor", "Course", "Training", "PlanAction", "BoardSignOff", "EngagementActivity", "LegalProvision", "ScoringSetting", "Site", "Department", "Organisation", "EvidencePack"];

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 8: Monitoring");
        var facts = await evidence.MonitoringOnAsync(pack.To, ct);
        c.Text(facts.LastReviewedOn is { } d ? $"The last board review of the position by the end of the period: {facts.Meeting}, {UkDates.Long(d)}, signed off by {facts.SignedBy}." : "No board review of the position had been signed off by the end of the period.");
        var signOffs = await reads.SignOffsInAsync(pack, ct);
        if (signOffs.Count == 0) c.Gap("No board review of the position was signed off in the period.");
        else c.Table(["Reviewed on", "Meeting", "Signed off by, on", "Scores that day, steps 1 to 8"], [1.2, 1.6, 1.6, 3], signOffs);
        // Who was there, what they decided and the actions they agreed, as signed.
        var reviews = await db.BoardSignOffs.AsNoTracking().Where(b => b.ReviewedOn >= pack.From && b.ReviewedOn <= pack.To).OrderBy(b => b.ReviewedOn)
            .Select(b => new { b.Id, b.ReviewedOn, b.Meeting, b.Attendees, b.Decisions }).ToListAsync(ct);
        var ids = reviews.Select(r => (Guid?)r.Id).ToList();
        var agreed = await db.PlanActions.AsNoTracking().Where(a => a.Source == PlanSource.BoardSignOff && ids.Contains(a.SourceId))
            .OrderBy(a => a.DueDate).Select(a => new { a.SourceId, a.Description, a.Owner, a.DueDate }).ToListAsync(ct);
        foreach (var r in reviews)
        {
            c.Subheading($"{r.Meeting}, {UkDates.Long(r.ReviewedOn)}");
            c.Text($"Attended: {r.Attendees}");
            // Typed as the meeting wished: only the named edition prints it, as it could name or date a case.
            c.Text(pack.Named ? $"Decided: {r.Decisions}" : $"Decided: {FreeTextWithheld}");
            var theirs = agreed.Where(a => a.SourceId == r.Id).ToList();
            c.Text(theirs.Count == 0 ? "No action was added to the plan at this review." : "Actions agreed: " + string.Join("; ", theirs.Select(a => $"{a.Description} ({a.Owner}, due {UkDates.Long(a.DueDate)})")) + ".");
        }
        c.Subheading("The action plan");
        c.Text($"On {UkDates.Long(pack.To)}: {facts.OpenActions:N0} action(s) open, {facts.OverdueActions:N0} of them overdue. Every action is listed in Annex A; the score trend is in the summary.");
        if (facts.OverdueActions > 0) c.Gap($"{facts.OverdueActions:N0} action(s) in the action plan were overdue on {UkDates.Long(pack.To)}.");
        var actions = await reads.PlanAsync(pack, ct);
        pack.Records.Add(new("action-plan.csv", ["step", "action", "owner", "due", "completed_on", "evidence_sha256"],
            [.. actions.Select(a => (IReadOnlyList<string>)[((int)a.Step).ToString(), a.Description, a.Owner, a.DueOn?.ToString("yyyy-MM-dd") ?? a.Due, a.CompletedOn?.ToString("yyyy-MM-dd") ?? "", a.EvidenceSha256 ?? ""])]));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.OccurredAtUtc >= UkCalendar.StartOfDayUtc(pack.From) && a.OccurredAtUtc < EndOf(pack.To) && EvidenceEntities.Contains(a.EntityType))
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.OccurredAtUtc, a.Action, a.EntityType, a.EntityId, a.PreviousHash, a.Hash }).ToListAsync(ct);
        // The entries about the evidence, each with its hashes, not who did what (summaries can name people); never
        // those about cases, incidents or sign-ins, whose times would tell when a report came or was handled. In the
        // anonymised edition, the entries an incident or a case caused (an assessment flagged for review when an
        // incident is logged, the actions a case's closure asked for) are left out too: their times would date it.
        if (!pack.Named)
        {
            var fromCases = (await db.PlanActions.AsNoTracking().Where(a => a.Source == PlanSource.CaseClosure).Select(a => a.Id).ToListAsync(ct)).Select(id => id.ToString()).ToHashSet();
            audit = [.. audit.Where(a => a.Action != LogIncident.FlaggedForReviewAction && !(a.EntityType == "PlanAction" && a.EntityId is { } id && fromCases.Contains(id)))];
        }
        pack.Records.Add(new("audit-log-extract.csv", ["sequence", "occurred_at_utc", "action", "entity_type", "entity_id", "previous_hash", "hash"],
            [.. audit.Select(a => (IReadOnlyList<string>)[a.Sequence.ToString(), a.OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"), a.Action, a.EntityType, a.EntityId ?? "", a.PreviousHash, a.Hash])]));
        return c;
    }
}
