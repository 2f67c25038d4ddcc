using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// What several of a pack's chapters and its summary read alike: the whole quarters that figures about reports and
/// incidents cover and the monitoring figures for them (read once a pack), whether a step 6 or 7 score rests on too
/// few reports or incidents to show, the sign-offs and the action plan in the period; and the day arithmetic they share.
/// </summary>
public sealed class PackReads(ComplianceDbContext db, StepEvidence evidence, MonitoringFigures monitoring)
{
    public const string NoWholeQuarter = "No whole quarter had ended within the period, so no figures about reports or incidents are given: "
        + "figures for part of a quarter, set beside another pack's, could tell when a report came.";

    public static DateTime EndOf(DateOnly day) => UkCalendar.StartOfDayUtc(day.AddDays(1));

    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(UkCalendar.ToUk(utc));

    public static string QuarterOf(DateOnly day) => $"{day.Year}-Q{(day.Month + 2) / 3}";

    public static bool IsQuarterEnd(DateOnly d) => d.Month % 3 == 0 && d.AddDays(1).Day == 1;

    /// <summary>The whole quarters of the pack's period that had ended when it was made (<see cref="PackBuilder.CaseQuarters"/>).</summary>
    public (DateOnly From, DateOnly To)? Quarters(PackContent pack) => PackBuilder.CaseQuarters(pack.From, pack.To, Day(pack.GeneratedAtUtc));

    public string CaseSpan(PackContent pack) => Quarters(pack) is { } q ? $"the whole quarters from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}" : "no whole quarter";

    private (Guid Pack, MonitoringReport? Figures)? _figures;

    /// <summary>The monitoring page's figures for the pack's whole quarters, read once for the pack.</summary>
    public async Task<MonitoringReport?> MonitoringAsync(PackContent pack, CancellationToken ct)
    {
        if (Quarters(pack) is not { } q) return null;
        if (_figures is not { } f || f.Pack != pack.PackId) _figures = f = (pack.PackId, await monitoring.ForAsync(q.From, q.To, ct));
        return f.Figures;
    }

    /// <summary>A monitoring table as it is on the monitoring page: counts from 1 to 4 (and any that would give one away) not shown.</summary>
    public static void AddTable(PackSection c, MonitoringTable t)
    {
        c.Subheading(t.Title);
        var headers = new List<string> { t.RowHeading };
        headers.AddRange(t.Columns);
        var totals = !t.Overlapping && t.Columns.Count > 1;
        if (totals) headers.Add("Total");
        var rows = t.Rows.Select((r, i) => (IReadOnlyList<string>)[r, .. t.Counts.Cells[i].Select(x => x.ToString()), .. totals ? [t.Counts.RowTotals[i].ToString()] : Array.Empty<string>()]).ToList();
        if (!t.Overlapping) rows.Add(["Total", .. t.Counts.ColumnTotals.Select(x => x.ToString()), .. totals ? [t.Counts.GrandTotal.ToString()] : Array.Empty<string>()]);
        c.Table([.. headers], [2, .. headers.Skip(1).Select(_ => 1.0)], rows);
        if (t.Note is not null) c.Text(t.Note);
    }

    /// <summary>Whether the score of step 6 or 7 on the day rests on fewer than 5 reports or incidents in its 12 months, and so would tell how many.</summary>
    public async Task<bool> FewBehindAsync(DateOnly day, ReasonableStep step, CancellationToken ct) => SmallNumbers.IsSmall(step == ReasonableStep.Complaints
        ? (await evidence.ComplaintsOnAsync(day, ct)).Received
        : (await evidence.ThirdPartiesOnAsync(day, ct)).Incidents);

    /// <summary>Each sign-off in the period with the scores of its meeting day, worked out from the records as the rest of the pack is.</summary>
    public async Task<List<IReadOnlyList<string>>> SignOffsInAsync(PackContent pack, CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var b in await db.BoardSignOffs.AsNoTracking().Where(b => b.ReviewedOn >= pack.From && b.ReviewedOn <= pack.To).OrderBy(b => b.ReviewedOn).ToListAsync(ct))
        {
            var scores = await evidence.ScoresOnAsync(b.ReviewedOn, ct);
            // Steps 6 and 7 as everywhere in the pack: only on a quarter end that has ended, and never from fewer than 5
            // reports or incidents (a meeting on any other day would tell when a deadline fell, or how many there were).
            var quarterEnd = IsQuarterEnd(b.ReviewedOn) && Quarters(pack) is { } q && b.ReviewedOn <= q.To;
            var few = !quarterEnd || await FewBehindAsync(b.ReviewedOn, ReasonableStep.Complaints, ct);
            var fewIncidents = !quarterEnd || await FewBehindAsync(b.ReviewedOn, ReasonableStep.ThirdParties, ct);
            string Shown(StepScore x) => (x.Step == ReasonableStep.Complaints && few) || (x.Step == ReasonableStep.ThirdParties && fewIncidents)
                ? (quarterEnd ? SmallNumbers.WithheldText : "not given") : x.Score.ToString();
            rows.Add([UkDates.Long(b.ReviewedOn), b.Meeting, $"{b.SignedByName}, {UkDates.Long(DateOnly.FromDateTime(UkCalendar.ToUk(b.SignedAtUtc)))}", string.Join(", ", scores.Select(Shown))]);
        }
        return rows;
    }

    /// <param name="DueOn">The due date, for the records ZIP; null where only the quarter is given.</param>
    public sealed record PlanRow(ReasonableStep Step, string Description, string Owner, string Due, DateOnly? CompletedOn, PlanSource Source, string? EvidenceSha256, DateOnly? DueOn = null);

    /// <summary>
    /// Every action open at some time in the period. An action made by a case closure says when and where the case
    /// closed: in a pack it says only that a case asked for it, and in which quarter.
    /// </summary>
    public async Task<List<PlanRow>> PlanAsync(PackContent pack, CancellationToken ct) =>
        [.. (await db.PlanActions.AsNoTracking().Where(a => a.CreatedAtUtc < EndOf(pack.To) && (a.CompletedOn == null || a.CompletedOn >= pack.From)).OrderBy(a => a.DueDate)
            .Select(a => new { a.Step, a.Description, a.Owner, a.DueDate, a.CompletedOn, a.Source, a.EvidenceSha256, a.CreatedAtUtc }).ToListAsync(ct))
            .Select(a => a.Source == PlanSource.CaseClosure
                ? new PlanRow(a.Step, $"Change asked for when a case closed ({QuarterOf(Day(a.CreatedAtUtc))})", "HR", QuarterOf(Day(a.CreatedAtUtc)), a.CompletedOn, a.Source, a.EvidenceSha256)
                : new PlanRow(a.Step, a.Description, a.Owner, UkDates.Long(a.DueDate), a.CompletedOn, a.Source, a.EvidenceSha256, a.DueDate))];
}
