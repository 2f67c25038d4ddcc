using Compliance.Core.Scoring;
using Compliance.Web.Tests.Docs;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

/// <summary>The position `seed-demo` leaves: what a director would see on a first look at the demo.</summary>
public sealed class DemoPositionTests(ReadmeApp app) : IClassFixture<ReadmeApp>
{
    [Fact]
    public async Task The_demo_has_most_steps_at_risk_or_met_one_not_met_a_signed_review_an_action_plan_and_a_year_of_trend()
    {
        var today = Core.UkCalendar.Today(TimeProvider.System);
        var scores = await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(today));
        var summary = string.Join("; ", scores.Select(s => $"{s.Step} {s.Score}"));
        scores.Count(s => s.Status == StepStatus.NotMet).Should().Be(1, summary);
        scores.Count(s => s.Status == StepStatus.Met).Should().BeGreaterThanOrEqualTo(3, summary);
        scores.Count(s => s.Status == StepStatus.AtRisk).Should().BeGreaterThanOrEqualTo(1, summary);

        await using var db = app.NewDbContext();
        var signOff = await db.BoardSignOffs.AsNoTracking().SingleAsync();
        signOff.ReviewedOn.Should().Be(today.AddMonths(-10));
        signOff.Seen().Should().HaveCount(8);
        var plan = await db.PlanActions.AsNoTracking().ToListAsync();
        plan.Select(a => a.Source).Should().Contain([PlanSource.BoardSignOff, PlanSource.CaseClosure, PlanSource.Manual]);
        plan.Should().Contain(a => a.IsOverdue(today));

        // The trend: every month end of the year kept, and the position moved over it (step 8 before and after the review).
        var kept = await db.PositionSnapshots.AsNoTracking().ToListAsync();
        kept.Select(s => s.Day).Distinct().Should().Contain(PositionTrend.MonthEnds(today));
        var monitoring = kept.Where(s => s.Step == ReasonableStep.Monitoring).OrderBy(s => s.Day).Select(s => s.Score).ToList();
        monitoring.First().Should().Be(0);
        monitoring.Should().Contain(100);
        kept.GroupBy(s => s.Step).Count(g => g.Select(s => s.Score).Distinct().Count() > 1).Should().BeGreaterThanOrEqualTo(3);
    }
}
