using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

public sealed class StepRulesTests
{
    private static readonly ScoringOptions Options = new();
    private static readonly Guid PolicyId = Guid.Parse("0190a0a0-0000-7000-8000-000000000001");
    private static readonly DateOnly Published = new(2025, 3, 1);

    private static PolicyFacts Policy(DateOnly day, int inScope = 100, int acknowledged = 100) =>
        new(day, PolicyId, 2, Published, Published.AddMonths(12), inScope, acknowledged);

    [Fact]
    public void No_policy_in_force_scores_nothing_and_says_to_publish_one()
    {
        var score = StepRules.Policy(new PolicyFacts(new DateOnly(2026, 1, 1), null, null, null, null, 0, 0), Options);
        score.Score.Should().Be(0);
        score.Status.Should().Be(StepStatus.NotMet);
        score.Why.Should().Equal("No anti-harassment policy was in force.");
        score.Next.Single().Link.Should().Be("/policies/manage");
    }

    [Fact]
    public void A_policy_everyone_has_read_inside_its_review_date_is_met_and_missing_acknowledgements_lower_it_in_proportion()
    {
        StepRules.Policy(Policy(new DateOnly(2025, 6, 1)), Options).Should().Match<StepScore>(s => s.Score == 100 && s.Status == StepStatus.Met && s.Next.Count == 0);
        var half = StepRules.Policy(Policy(new DateOnly(2025, 6, 1), 80, 40), Options);
        half.Score.Should().Be(80);
        half.Why.Should().Contain("40 of 80 people it is for (50%) have confirmed reading it.");
        half.Next.Single().Should().Be(new NextAction("Chase the 40 people who have not confirmed reading the policy", $"/policies/manage/{PolicyId}/coverage", 20));
    }

    [Theory]
    [InlineData("2026-03-01", 100, StepStatus.Met)]
    [InlineData("2026-03-02", 95, StepStatus.Met)]
    [InlineData("2026-04-01", 95, StepStatus.Met)]
    [InlineData("2026-04-02", 90, StepStatus.Met)]
    [InlineData("2026-07-02", 80, StepStatus.Met)]
    [InlineData("2027-03-01", 80, StepStatus.Met)]
    public void A_policy_loses_five_points_for_each_month_or_part_past_its_review_date_down_to_the_review_share(string day, int expected, StepStatus status)
    {
        var score = StepRules.Policy(Policy(DateOnly.Parse(day)), Options);
        score.Score.Should().Be(expected);
        score.Status.Should().Be(status);
        if (expected < 100) score.Next.Should().ContainSingle(n => n.Link == $"/policies/manage/{PolicyId}" && n.Gain == 100 - expected);
    }

    [Fact]
    public void An_unread_policy_past_its_review_falls_to_at_risk_and_the_larger_gain_comes_first()
    {
        var score = StepRules.Policy(Policy(new DateOnly(2026, 9, 1), 100, 50), Options);
        score.Score.Should().Be(40 + 20 + 0);
        score.Status.Should().Be(StepStatus.AtRisk);
        score.Next.Select(n => n.Gain).Should().Equal(20, 20);
        StepRules.Policy(Policy(new DateOnly(2026, 9, 1), 100, 10), Options).Status.Should().Be(StepStatus.NotMet);
    }

    [Fact]
    public void Risk_assessment_scores_sites_with_a_current_assessment_and_open_actions_done_on_time()
    {
        var day = new DateOnly(2026, 6, 1);
        StepRules.RiskAssessment(new RiskFacts(day, 0, 0, 0, 0, 0), Options).Should().Match<StepScore>(s => s.Score == 0 && s.Next.Single().Link == "/admin/sites");
        StepRules.RiskAssessment(new RiskFacts(day, 7, 7, 0, 4, 0), Options).Score.Should().Be(100);
        var gaps = StepRules.RiskAssessment(new RiskFacts(day, 7, 4, 1, 10, 5), Options);
        gaps.Score.Should().Be(70 * 4 / 7 + 15);
        gaps.Status.Should().Be(StepStatus.AtRisk);
        gaps.Why.Should().Equal(
            "4 of 7 sites have a current risk assessment; 3 have none, or one past its review date.",
            "1 site's assessment is past the review date.",
            "5 of 10 open actions are overdue.");
        gaps.Next.Select(n => n.Link).Should().Equal("/risk", "/risk/actions?show=overdue");
    }

    [Fact]
    public void Training_is_the_share_of_required_training_in_date_and_names_the_weakest_course_and_long_stale_training()
    {
        var id = Guid.NewGuid();
        var facts = new TrainingFacts(new DateOnly(2026, 6, 1),
        [
            new CourseFacts(Guid.NewGuid(), "Everyone", 100, 90, 6, 0, 4),
            new CourseFacts(id, "Managers", 20, 10, 8, 3, 2),
            new CourseFacts(Guid.NewGuid(), "Nobody", 0, 0, 0, 0, 0),
        ]);
        var score = StepRules.Training(facts, Options);
        score.Score.Should().Be(83);
        score.Status.Should().Be(StepStatus.Met);
        score.Why.Should().Equal(
            "83% of required training is in date (100 of 120 across 2 courses).",
            "Managers: 50% in date; 8 stale, 2 never trained; 3 people's training over 2 years old.",
            "Everyone: 90% in date; 6 stale, 4 never trained.");
        score.Next.Should().Equal(
            new NextAction("Remind the 10 people whose \"Managers\" training is stale or missing", $"/training/courses/{id}?list=outstanding#people", 8),
            new NextAction("Remind the 10 people whose \"Everyone\" training is stale or missing", score.Next[1].Link, 8));
        StepRules.Training(new TrainingFacts(facts.Day, []), Options).Should().Match<StepScore>(s => s.Score == 0 && s.Status == StepStatus.NotMet);
    }

    [Fact]
    public void Thresholds_are_settings()
    {
        var strict = new ScoringOptions { MetFrom = 95, AtRiskFrom = 90 };
        StepRules.Policy(Policy(new DateOnly(2026, 4, 2)), strict).Status.Should().Be(StepStatus.AtRisk);
        StepRules.Policy(Policy(new DateOnly(2026, 7, 2)), strict).Status.Should().Be(StepStatus.NotMet);
    }

    [Fact]
    public void Reporting_needs_the_policy_in_force_to_give_the_reporting_page()
    {
        var day = new DateOnly(2026, 6, 1);
        StepRules.Reporting(new ReportingFacts(day, null, false), Options).Should().Match<StepScore>(s => s.Score == 50 && s.Status == StepStatus.AtRisk && s.Next.Single().Link == "/policies/manage");
        StepRules.Reporting(new ReportingFacts(day, PolicyId, false), Options).Next.Single().Link.Should().Be($"/policies/manage/{PolicyId}");
        StepRules.Reporting(new ReportingFacts(day, PolicyId, true), Options).Should().Match<StepScore>(s => s.Score == 100 && s.Next.Count == 0);
    }

    [Fact]
    public void Complaints_score_the_share_of_case_deadlines_met_and_nothing_due_is_nothing_late()
    {
        var day = new DateOnly(2026, 6, 1);
        var none = StepRules.Complaints(new ComplaintFacts(day, 0, 0, 0), Options);
        none.Score.Should().Be(100);
        none.Why.Should().Equal("0 reports were received in the 12 months to 1 June 2026.", "No case deadline fell due in that time.");
        var some = StepRules.Complaints(new ComplaintFacts(day, 4, 9, 3), Options);
        some.Score.Should().Be(75);
        some.Status.Should().Be(StepStatus.AtRisk);
        some.Why.Should().Contain("9 of 12 deadlines (acknowledging, triage, feedback) were met (75%).");
        some.Next.Single().Should().Be(new NextAction("Deal with the cases whose deadlines have been missed", "/cases?view=attention", 25));
    }

    [Fact]
    public void Third_parties_score_the_incidents_followed_by_a_review_in_time_and_pending_ones_do_not_count()
    {
        var day = new DateOnly(2026, 6, 1);
        StepRules.ThirdParties(new ThirdPartyFacts(day, 0, 0, 0), Options).Score.Should().Be(100);
        StepRules.ThirdParties(new ThirdPartyFacts(day, 2, 0, 0), Options).Why.Should().Contain("Their reviews are not due yet.");
        var late = StepRules.ThirdParties(new ThirdPartyFacts(day, 5, 1, 3), Options);
        late.Score.Should().Be(25);
        late.Status.Should().Be(StepStatus.NotMet);
        late.Why.Should().Contain("After 1 of 4, the site's risk assessment was reviewed within 30 days (25%).");
        StepRules.ThirdParties(new ThirdPartyFacts(day, 5, 1, 3), new ScoringOptions { ThirdPartyReviewWithinDays = 14 }).Why.Should().Contain(w => w.Contains("within 14 days"));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("2025-06-01", 100)]
    [InlineData("2025-05-31", 80)]
    [InlineData("2025-03-01", 40)]
    [InlineData("2024-01-01", 0)]
    public void Monitoring_is_met_for_a_year_after_a_board_sign_off_then_falls_by_20_a_month(string? reviewed, int expected)
    {
        var facts = new MonitoringFacts(new DateOnly(2026, 6, 1), reviewed is null ? null : DateOnly.Parse(reviewed), "Board", "Dana Director");
        var score = StepRules.Monitoring(facts, Options);
        score.Score.Should().Be(expected);
        if (expected < 100) score.Next.Single().Should().Be(new NextAction("Review the position with the board and sign it off", "/position/sign-off", 100 - expected));
        else score.Why.Should().Equal("The position was last reviewed by Board on 1 June 2025, signed off by Dana Director.");
    }

    [Theory]
    [InlineData(4, 0, 100)]
    [InlineData(4, 1, 93)]
    [InlineData(4, 4, 70)]
    [InlineData(3, 2, 80)]
    public void Overdue_actions_in_the_plan_take_up_to_30_points_off_monitoring(int open, int overdue, int expected)
    {
        var facts = new MonitoringFacts(new DateOnly(2026, 6, 1), new DateOnly(2026, 3, 1), "Board", "Dana Director", open, overdue);
        var score = StepRules.Monitoring(facts, Options);
        score.Score.Should().Be(expected);
        if (overdue == 0)
        {
            score.Next.Should().BeEmpty();
            score.Why.Should().Contain($"The action plan has {open} open actions, none overdue.");
        }
        else
        {
            score.Next.Single().Should().Be(new NextAction($"Finish the {overdue} overdue action{(overdue == 1 ? "" : "s")} in the action plan", "/position/actions?show=overdue", 100 - expected));
        }
    }

    [Fact]
    public void With_no_sign_off_overdue_actions_cannot_take_monitoring_below_zero()
    {
        var score = StepRules.Monitoring(new MonitoringFacts(new DateOnly(2026, 6, 1), null, null, null, 2, 2), Options);
        score.Score.Should().Be(0);
        score.Next.Select(n => n.Link).Should().Equal("/position/sign-off");
    }

    [Theory]
    [InlineData(null, null, null, 0)]
    [InlineData("2026-03-01", null, null, 40)]
    [InlineData("2026-03-01", "2025-12-01", "2026-05-20", 100)]
    [InlineData("2025-06-01", "2025-12-01", null, 30)]
    [InlineData("2025-06-02", "2025-06-01", "2025-06-02", 70)]
    public void Engaging_staff_counts_asking_telling_and_consulting_within_the_window_and_each_lapses_after_it(string? asked, string? told, string? consulted, int expected)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s);
        var score = StepRules.Engagement(new EngagementFacts(new DateOnly(2026, 6, 1), D(asked), D(told), D(consulted)), Options);
        score.Score.Should().Be(expected);
        score.Next.Sum(n => n.Gain).Should().Be(100 - expected);
        if (asked == "2025-06-01") score.Why[0].Should().Be("Staff were last asked about harassment (a survey or focus group) on 1 June 2025, more than 12 months before.");
        if (expected == 0) score.Next.Select(n => n.Link).Should().Equal("/position/engagement/new?kind=Survey", "/position/engagement/new?kind=Briefing", "/position/engagement/new?kind=Consultation");
    }
}
