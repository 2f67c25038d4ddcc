using Compliance.Core;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Exports;
using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Position;

/// <summary>
/// The monitoring log: reports, outcomes, times and third-party incidents for a period, and coverage month by
/// month, every count 1 to 4 shown as "fewer than 5" (on the page and in the export alike).
/// </summary>
public sealed class MonitoringModel(MonitoringFigures figures, StepEvidence evidence, PositionToday position, PositionTrend trend, ComplianceDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public MonitoringReport? Report { get; private set; }
    public List<(DateOnly Day, int? Training, int? Policy)> Coverage { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var period = Period();
        if (period is null) return Page();
        var ct = HttpContext.RequestAborted;
        Report = await figures.ForAsync(period.Value.From, period.Value.To, ct);
        // Coverage month by month over the last year: training from the kept trend, policy reading worked out for each month end.
        var today = UkTime.Today(clock);
        var scores = await position.ScoresAsync(evidence, ct);
        foreach (var point in await trend.ToTodayAsync(scores, ct))
        {
            var policy = await evidence.PolicyOnAsync(point.Day, ct);
            Coverage.Add((point.Day, point.Scores.TryGetValue(ReasonableStep.Training, out var t) ? t : null,
                policy.PolicyId is null ? null : Percent.Of(policy.Acknowledged, policy.InScope)));
        }
        return Page();
    }

    /// <summary>Every table of the page as one CSV, with the same figures hidden.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var period = Period();
        if (period is null) return Page();
        var ct = HttpContext.RequestAborted;
        var report = await figures.ForAsync(period.Value.From, period.Value.To, ct);
        var rows = new List<IReadOnlyList<string?>> { (IReadOnlyList<string?>)["Reports received", "", "All", report.Reports.ToString()] };
        foreach (var table in report.Tables)
        {
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Columns.Count; c++) rows.Add([table.Title, table.Rows[r], table.Columns[c], table.Counts.Cells[r][c].ToString()]);
                if (!table.Overlapping && table.Columns.Count > 1) rows.Add([table.Title, table.Rows[r], "Total", table.Counts.RowTotals[r].ToString()]);
            }
            if (!table.Overlapping)
            {
                for (var c = 0; c < table.Columns.Count; c++) rows.Add([table.Title, "Total", table.Columns[c], table.Counts.ColumnTotals[c].ToString()]);
                if (table.Columns.Count > 1) rows.Add([table.Title, "Total", "Total", table.Counts.GrandTotal.ToString()]);
            }
        }
        rows.AddRange(report.Timings.Select(t => (IReadOnlyList<string?>)[t.What, "", "", t.Text]));
        var csv = SafeCsv.Write(["Table", "Row", "Column", "Count"], rows);
        await audit.SaveAsync(db, AuditEvent.For("monitoring.exported", "Monitoring", Guid.Empty,
            $"Monitoring figures for {UkDates.Long(report.From)} to {UkDates.Long(report.To)} downloaded"), ct);
        return File(csv, "text/csv", $"monitoring-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}.csv");
    }

    /// <summary>
    /// The whole calendar quarters that have ended, newest first (five years of them). Figures are given for whole
    /// quarters only: periods that differ by a day would tell, by subtraction, what came in on that day.
    /// </summary>
    public List<(string Key, string Label, DateOnly From, DateOnly To)> Quarters { get; private set; } = [];

    private (DateOnly From, DateOnly To)? Period()
    {
        var today = UkTime.Today(clock);
        var thisQuarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        Quarters = [.. Enumerable.Range(1, 20).Select(i => thisQuarter.AddMonths(-3 * i))
            .Select(q => ($"{q.Year}-Q{((q.Month - 1) / 3) + 1}", MonitoringFigures.Quarters(q, q).Single().Label, q, q.AddMonths(3).AddDays(-1)))];
        var errors = new List<FieldError>();
        (string Key, string Label, DateOnly From, DateOnly To)? Find(string? key, string field, int fallback)
        {
            if (string.IsNullOrWhiteSpace(key)) return Quarters[fallback];
            var found = Quarters.FirstOrDefault(q => q.Key == key.Trim());
            if (found.Key is null)
            {
                errors.Add(new(field, "Choose a quarter from the list: figures are given for whole quarters that have ended."));
                return null;
            }
            return found;
        }
        var from = Find(From, nameof(From), 3);
        var to = Find(To, nameof(To), 0);
        if (errors.Count == 0 && from!.Value.From > to!.Value.From) errors.Add(new(nameof(From), "The first quarter must not be after the last."));
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            return null;
        }
        From = from!.Value.Key;
        To = to!.Value.Key;
        return (from.Value.From, to.Value.To);
    }
}
