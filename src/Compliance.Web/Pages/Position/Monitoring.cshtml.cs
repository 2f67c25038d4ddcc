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
public sealed class MonitoringModel(MonitoringFigures figures, StepEvidence evidence, PositionTrend trend, ComplianceDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
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
        var scores = await evidence.ScoresOnAsync(today, ct);
        foreach (var point in await trend.ToTodayAsync(scores, ct))
        {
            var policy = await evidence.PolicyOnAsync(point.Day, ct);
            Coverage.Add((point.Day, point.Scores.TryGetValue(ReasonableStep.Training, out var t) ? t : null,
                policy.PolicyId is null ? null : policy.InScope == 0 ? 0 : (int)Math.Floor(100.0 * policy.Acknowledged / policy.InScope)));
        }
        return Page();
    }

    /// <summary>Every table of the page as one CSV, with the same figures hidden.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var period = Period();
        if (period is null) return await OnGetAsync();
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

    /// <summary>The period asked for: by default the 12 months to today. Bad dates are said against their field.</summary>
    private (DateOnly From, DateOnly To)? Period()
    {
        var today = UkTime.Today(clock);
        var errors = new List<FieldError>();
        DateOnly? Read(string? value, string field, DateOnly fallback)
        {
            if (string.IsNullOrWhiteSpace(value)) return fallback;
            var d = UkDates.Parse(value);
            if (d is null) errors.Add(new(field, $"\"{value.Trim()}\" is not a date. Use a date such as 01/04/2026."));
            return d;
        }
        var to = Read(To, nameof(To), today);
        var from = Read(From, nameof(From), (to ?? today).AddYears(-1).AddDays(1));
        if (errors.Count == 0 && from > to) errors.Add(new(nameof(From), "The start of the period must be on or before its end."));
        if (errors.Count == 0 && to > today) errors.Add(new(nameof(To), "The end of the period cannot be in the future."));
        if (errors.Count == 0 && from < to!.Value.AddYears(-5)) errors.Add(new(nameof(From), "Choose a period of five years or less."));
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            return null;
        }
        From = from!.Value.ToString("dd/MM/yyyy");
        To = to!.Value.ToString("dd/MM/yyyy");
        return (from.Value, to.Value);
    }
}
