using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using static Compliance.Core.EvidencePacks.PackReads;

namespace Compliance.Core.ThirdParty;

/// <summary>The evidence pack's chapter for step 7: third-party incidents over whole quarters, and whether the assessment they flagged was reviewed in time.</summary>
public sealed class ThirdPartyPackChapter(ComplianceDbContext db, StepEvidence evidence, PackReads reads) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.ThirdParties;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 7: Third parties");
        await MeasuresAsync(pack, c, ct);
        if (await reads.MonitoringAsync(pack, ct) is not { } figures || reads.Quarters(pack) is not { } q) return c.Text(NoWholeQuarter);
        c.Text($"Incidents of harassment by customers, clients and other third parties that happened in {reads.CaseSpan(pack)}.");
        AddTable(c, figures.Tables.Single(t => t.Id == "third-party-kind"));
        AddTable(c, figures.Tables.Single(t => t.Id == "third-party-action"));
        var facts = await evidence.ThirdPartiesBetweenAsync(q.From, q.To, ct);
        c.Subheading("Assessments reviewed after an incident");
        c.Text($"Of the incidents that happened from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}, the assessment they flagged was approved again in time after {SmallNumbers.One(facts.ReviewedInTime)} and not after {SmallNumbers.One(facts.NotReviewedInTime)}.");
        if (facts.NotReviewedInTime > 0) c.Gap($"After {SmallNumbers.One(facts.NotReviewedInTime)} third-party incident(s) that happened from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}, the risk assessment was not reviewed within {(await evidence.ScoringOptionsOnAsync(q.To, ct)).ThirdPartyReviewWithinDays} days of the incident.");
        // Counts by quarter and who, through the small-number rule like the tables above: a row per incident would
        // let anyone count what the PDF shows as "fewer than 5".
        var incidents = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.OccurredOn >= q.From && i.OccurredOn <= q.To)
            .Select(i => new { i.OccurredOn, i.PartyType }).ToListAsync(ct);
        var quarters = MonitoringFigures.Quarters(q.From, q.To);
        var kinds = Enum.GetValues<ThirdPartyType>();
        var table = SmallNumbers.Table([.. quarters.Select(x => (IReadOnlyList<int>)[.. kinds.Select(k => incidents.Count(i => i.PartyType == k && i.OccurredOn >= x.From && i.OccurredOn <= x.To))])]);
        pack.Records.Add(new("third-party-incidents.csv", ["quarter", .. kinds.Select(k => k.Label()), "total"],
            [.. quarters.Select((x, r) => (IReadOnlyList<string>)[x.Label, .. table.Cells[r].Select(n => n.ToString()), table.RowTotals[r].ToString()])]));
        return c;
    }

    /// <summary>
    /// The preventive measures the app produces (the customer notice, the supplier contract clause), with where and from
    /// when each was recorded as in use by the end of the period, and the SHA-256 of its text as the app filled it in when the use was recorded.
    /// </summary>
    private async Task MeasuresAsync(PackContent pack, PackSection c, CancellationToken ct)
    {
        c.Subheading("Preventive measures: the customer notice and the supplier contract clause");
        var uses = await db.MeasureUses.AsNoTracking().Where(u => u.UsedFrom <= pack.To).OrderBy(u => u.TemplateTitle).ThenBy(u => u.UsedFrom).ToListAsync(ct);
        if (uses.Count == 0)
        {
            c.Text($"No use of the customer notice or the supplier contract clause in use by {UkDates.Long(pack.To)} has been recorded.");
            return;
        }
        c.Text("Where each was put up or used, as recorded in the app, from when, and by whom it was recorded.");
        c.Table(["Measure", "Where", "In use from", "Recorded by"], [1.8, 3, 1.4, 1.4], uses.Select(u => (IReadOnlyList<string>)[
            u.TemplateTitle, u.Where, UkDates.Long(u.UsedFrom), $"{u.RecordedByName}, {UkDates.Long(Day(u.RecordedAtUtc))}"]));
        c.Text("The SHA-256 of each text as the app filled it in when the use was recorded:");
        c.Hashes(uses.Select(u => ($"{u.TemplateTitle}, in use from {UkDates.Long(u.UsedFrom)}", (string?)u.TextSha256)));
        foreach (var u in uses) pack.Artefacts.Add(new("7", "Preventive measure in use", $"{u.TemplateTitle}: {u.Where} ({u.Id})", u.UsedFrom, u.TextSha256));
    }
}
