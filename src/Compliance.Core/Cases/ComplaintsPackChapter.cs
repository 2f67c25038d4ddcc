using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using static Compliance.Core.EvidencePacks.PackReads;

namespace Compliance.Core.Cases;

/// <summary>The evidence pack's chapter for step 6: reports by stage and outcome over whole quarters, their deadlines and check-ins, through the small-number rule.</summary>
public sealed class ComplaintsPackChapter(ComplianceDbContext db, StepEvidence evidence, PackReads reads) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.Complaints;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 6: Complaints");
        if (await reads.MonitoringAsync(pack, ct) is not { } figures || reads.Quarters(pack) is not { } q) return c.Text(NoWholeQuarter);
        c.Text($"Reports received in {reads.CaseSpan(pack)}: {figures.Reports}. Only dates, stages and categories are read here: no word of any report, and no name.");
        var states = await db.ReportCases.AsNoTracking().Where(r => r.ReceivedOn >= q.From && r.ReceivedOn <= q.To)
            .GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var all = Enum.GetValues<CaseState>();
        AddTable(c, MonitoringTable.Of("stage", "Those reports by the stage they had reached when this pack was made", "Stage", [.. all.Select(s => s.Label())], ["Reports"],
            [.. all.Select(s => new[] { states.Where(x => x.Key == s).Sum(x => x.Count) })]));
        AddTable(c, figures.Tables.Single(t => t.Id == "outcome"));
        var deadlines = await evidence.ComplaintsBetweenAsync(q.From, q.To, ct);
        c.Subheading("Deadlines");
        // Up to three deadlines and three check-ins a report: with the reports hidden, these would tell how many there were.
        var reports = SmallNumbers.One(deadlines.Received);
        c.Text($"Deadlines to acknowledge, triage and give feedback on those reports, as they stood on {UkDates.Long(q.To)}: "
            + $"{SmallNumbers.From(deadlines.DeadlinesMet, reports)} met, {SmallNumbers.From(deadlines.DeadlinesMissed, reports)} missed.");
        if (deadlines.DeadlinesMissed > 0) c.Gap($"{SmallNumbers.From(deadlines.DeadlinesMissed, reports)} case deadline(s) were missed for reports received from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}.");
        foreach (var t in figures.Timings) c.Text($"{t.What}: {t.Text}");
        var checkIns = await db.ReportCases.Where(r => r.ReceivedOn >= q.From && r.ReceivedOn <= q.To).SumAsync(r => r.CheckInsSent, ct);
        c.Text($"Check-ins sent to people who reported, to ask how they are: {SmallNumbers.From(checkIns, reports)}.");
        return c;
    }
}
