using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Position;

/// <summary>The position step by step: each step's score, status, the facts behind it and what would raise it most.</summary>
public sealed class IndexModel(StepEvidence evidence, LegalTimeline timeline, PositionTrend trend, PositionToday position, ScoringSettings settings, ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(ReasonableStep Step, StepScore? Score, string? NotScored);

    public DateOnly Today { get; private set; }
    public LegalStandard Standard { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public List<BoardSignOff> SignOffs { get; private set; } = [];
    public TrendView Trend { get; private set; } = new([], 80, 50);

    /// <summary>Why a step has no score yet, in words a director can act on.</summary>
    public static readonly IReadOnlyDictionary<ReasonableStep, string> NotScoredYet = new Dictionary<ReasonableStep, string>();

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        Standard = await timeline.StandardOnAsync(Today, ct);
        var scores = await position.ScoresAsync(evidence, ct);
        Rows = RowsOf(scores);
        var thresholds = await settings.OnAsync(Today, ct);
        Trend = new TrendView(await trend.ToTodayAsync(scores, ct), thresholds.MetFrom, thresholds.AtRiskFrom);
        SignOffs = await db.BoardSignOffs.AsNoTracking().OrderByDescending(s => s.ReviewedOn).ThenByDescending(s => s.SignedAtUtc).Take(20).ToListAsync(ct);
    }

    /// <summary>One row per step, in the guidance's order, scored or saying why not.</summary>
    public static List<Row> RowsOf(IEnumerable<StepScore> scores)
    {
        var byStep = scores.ToDictionary(s => s.Step);
        return [.. Enum.GetValues<ReasonableStep>().Select(step => new Row(step, byStep.GetValueOrDefault(step), NotScoredYet.GetValueOrDefault(step)))];
    }
}
